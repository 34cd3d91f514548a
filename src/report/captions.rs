//! Every caption of the reports, in one table per language: the headings, column
//! headers, labels and notes the renderers put around a result's own words. A renderer
//! takes `captions::of(lang).upper_notice` instead of writing the Chinese and the English
//! side by side; a caption is added or reworded here, once for every format. Sentences with
//! numbers in them (the memo, the warnings) are worded in [`crate::report::view`] and
//! [`crate::report::describe`].

use crate::report::Lang;

/// The captions of one language.
#[derive(Debug)]
pub struct Captions {
    /// ： / :
    pub colon: &'static str,
    /// 标题 / title
    pub title: &'static str,
    /// 发文机关 / issuer
    pub issuer: &'static str,
    /// 文号 / document number
    pub document_number: &'static str,
    /// 日期 / date
    pub date: &'static str,
    /// 层级 / level
    pub level: &'static str,
    /// 任务数 / tasks
    pub tasks: &'static str,
    /// 文件 / file
    pub file: &'static str,
    /// （未分部分） / (no section)
    pub no_section: &'static str,
    /// 牵头 / (lead)
    pub lead: &'static str,
    /// 新增牵头单位 / lead unit added
    pub lead_unit_added: &'static str,
    /// 取消牵头单位 / lead unit removed
    pub lead_unit_removed: &'static str,
    /// 牵头单位改变 / lead units changed
    pub lead_units_changed: &'static str,
    /// 、 / ,
    pub list_sep: &'static str,
    /// 删去 / removed
    pub removed: &'static str,
    /// ；新增 / ; added
    pub added: &'static str,
    /// 缺失 / missing
    pub missing: &'static str,
    /// ； / ;
    pub semicolon: &'static str,
    /// 待核实 / needs review
    pub needs_review: &'static str,
    /// 待核实：该项判断的依据接近判定界限且无其他佐证，或所对应的下级任务另有更相近的上级任务，或仅凭原句相同匹配而相邻任务的位置未予佐证，请人工核对后再采信；其余判断在校准与测试中 93% 以上正确。 / Needs review: the evidence for this call lies near the line the aligner draws with nothing else to back it, or its lower task is at least as close to another upper task, or only a shared phrase made it and its neighbours' order does not back it; check it before relying on it. Outside review, calls were right at least 93% of the time in calibration and testing.
    pub needs_review_the_evidence_for: &'static str,
    /// 依据接近判定界限 / evidence near the line
    pub evidence_near_the_line: &'static str,
    /// 所对应的下级任务另有同样或更相近的上级任务 / its lower task is as close or closer to another upper task
    pub its_lower_task_is_as: &'static str,
    /// 仅凭原句相同匹配，相邻任务的位置未予佐证 / linked only by a shared phrase, its neighbours' order not backing it
    pub linked_only_by_a_shared: &'static str,
    /// 措辞无相近下级任务，但有下级任务涉及同一主题 / no lower task shares its wording, but one has the same topic
    pub no_lower_task_shares_its: &'static str,
    /// 两项任务各有主题，但无一相同 / the two tasks are about different topics
    pub the_two_tasks_are_about: &'static str,
    /// 由扫描件识别的文字中有把握不足的字 / read by OCR with characters it was unsure of
    pub read_by_ocr_with_unsure: &'static str,
    /// 人工确认 / confirmed by override
    pub confirmed_by_override: &'static str,
    /// 依位置与主题匹配：措辞相近度低于界限 / linked by position and topic, its wording under the line
    pub linked_by_position_and_topic: &'static str,
    /// 原句相同「 / shared phrase “
    pub shared_phrase: &'static str,
    /// 」 / ”
    pub caption: &'static str,
    /// 已否定 / rejected
    pub rejected: &'static str,
    /// 下级 / lower
    pub lower: &'static str,
    /// 审核人否定 / rejected by a reviewer
    pub rejected_by_a_reviewer: &'static str,
    /// 请先核实 / Check first
    pub check_first: &'static str,
    /// 下级无相近任务 / no lower task comes near
    pub no_lower_task_comes_near: &'static str,
    /// 生成时间 / Generated
    pub generated: &'static str,
    /// 落实情况对照 / Implementation comparison
    pub implementation_comparison: &'static str,
    /// 逐级落实情况 / Implementation down the levels
    pub implementation_down_the_levels: &'static str,
    /// 下级落实情况汇总 / Coverage across localities
    pub coverage_across_localities: &'static str,
    /// （ / (
    pub open: &'static str,
    /// ） / )
    pub close: &'static str,
    /// 上级通知 / upper notice
    pub upper_notice: &'static str,
    /// 下级通知 / lower notice
    pub lower_notice: &'static str,
    /// 概况 / Summary
    pub summary: &'static str,
    /// 上级部分 / upper section
    pub upper_section: &'static str,
    /// 上级任务 / upper tasks
    pub upper_tasks: &'static str,
    /// 全部 / all
    pub all: &'static str,
    /// 覆盖率 / coverage
    pub coverage: &'static str,
    /// 未落实清单 / Dropped upper tasks
    pub dropped_upper_tasks: &'static str,
    /// 无。 / None.
    pub none: &'static str,
    /// 上级序号 / Upper task
    pub upper_task: &'static str,
    /// 牵头单位 / lead units
    pub lead_units: &'static str,
    /// 时限 / deadline
    pub deadline: &'static str,
    /// 下级 / lower
    pub lower_word: &'static str,
    /// 上级 / upper (a column of the terminal table)
    pub upper_word: &'static str,
    /// 相似度 / score
    pub score: &'static str,
    /// 最接近的下级任务 / nearest lower task
    pub nearest_lower_task: &'static str,
    /// 待核实清单 / Decisions to check
    pub decisions_to_check: &'static str,
    /// 上级序号 / upper id
    pub upper_id: &'static str,
    /// 上级任务 / upper text
    pub upper_text: &'static str,
    /// 状态 / status
    pub status: &'static str,
    /// 原因 / why
    pub why: &'static str,
    /// 逐项对照 / Task by task
    pub task_by_task: &'static str,
    /// 下级序号 / lower ids
    pub lower_ids: &'static str,
    /// 下级任务 / lower text
    pub lower_text: &'static str,
    /// 变化 / changes
    pub changes: &'static str,
    /// 通知 / notice
    pub notice: &'static str,
    /// 到达最下一级 / Reaching the lowest level
    pub reaching_the_lowest_level: &'static str,
    /// 各级概况 / Per level
    pub per_level: &'static str,
    /// 逐项落实 / Task by task
    pub chain_task_by_task: &'static str,
    /// 序号 / id
    pub id: &'static str,
    /// 要求 / requirement
    pub requirement: &'static str,
    /// 上级通知 / Upper notice
    pub upper_notice_heading: &'static str,
    /// 未能读取的输入 / Inputs left out
    pub inputs_left_out: &'static str,
    /// 各地覆盖率 / Coverage per locality
    pub coverage_per_locality: &'static str,
    /// 地区 / locality
    pub locality: &'static str,
    /// 各项任务的落实情况（落实最少的在前） / Per task (the least carried first)
    pub per_task_the_least_carried: &'static str,
    /// 落实地区数 / localities carrying
    pub localities_carrying: &'static str,
    /// 未落实的地区 / localities that dropped it
    pub localities_that_dropped_it: &'static str,
    /// 数量 / number
    pub number: &'static str,
    /// 上级文本约束的数量在下级文本中改变或缺失 / a number the upper text binds changed or is missing below
    pub a_number_the_upper_text: &'static str,
    /// 约束弱化 / softened
    pub softened: &'static str,
    /// 上级的刚性要求在下级变为较弱的措辞 / a binding word above became a softer one below
    pub a_binding_word_above_became: &'static str,
    /// 分句覆盖 / clauses
    pub clauses: &'static str,
    /// 下级文本覆盖的上级分句数 / upper clauses the lower text covers
    pub upper_clauses_the_lower_text: &'static str,
    /// 相似度不足以匹配，但两段文字独有一句相同的原文 / the score alone would leave it dropped, but the two texts alone share this phrase verbatim
    pub the_score_alone_would_leave: &'static str,
    /// 人工确认 / override
    pub override_: &'static str,
    /// 由 --overrides 文件确认或添加 / confirmed or added by an --overrides file
    pub confirmed_or_added_by_an: &'static str,
    /// 全部 / All sections
    pub all_sections: &'static str,
    /// 下级新增任务 / Added lower tasks
    pub added_lower_tasks: &'static str,
    /// zh-CN / en
    pub html_lang: &'static str,
    /// 上级 / Upper
    pub upper: &'static str,
    /// 下级 / Lower
    pub lower_column: &'static str,
    /// 两份通知 / The two notices
    pub the_two_notices: &'static str,
    /// 覆盖率 / Coverage
    pub coverage_heading: &'static str,
    /// （原文落实 + 改写落实）÷ 上级任务数 / (carried + reworded) ÷ upper tasks
    pub carried_reworded_upper_tasks: &'static str,
    /// 上级部分 / Upper section
    pub upper_section_heading: &'static str,
    /// 上级任务 / Upper tasks
    pub upper_tasks_heading: &'static str,
    /// 按状态筛选 / Filter by status
    pub filter_by_status: &'static str,
    /// 全部 / All
    pub all_button: &'static str,
    /// 搜索任务文字、序号、单位… / Search text, ids, units…
    pub search_text_ids_units: &'static str,
    /// 显示 / shown
    pub shown: &'static str,
    /// 时限 / Deadline
    pub deadline_heading: &'static str,
    /// 责任单位 / Units
    pub units: &'static str,
    /// 最接近的下级任务 / Nearest lower tasks
    pub nearest_lower_tasks: &'static str,
    /// 最接近的上级任务 / Nearest upper tasks
    pub nearest_upper_tasks: &'static str,
    /// 下级通知中没有对应任务 / No lower task carries this
    pub no_lower_task_carries_this: &'static str,
    /// 上级通知中没有对应任务 / No upper task asks for this
    pub no_upper_task_asks_for: &'static str,
    /// 未覆盖的分句 / Clauses not covered
    pub clauses_not_covered: &'static str,
    /// 图例 / Legend
    pub legend: &'static str,
    /// 上级有、下级无 / upper only
    pub upper_only: &'static str,
    /// 下级新增 / lower only
    pub lower_only: &'static str,
    /// 链接到此行 / Link to this row
    pub link_to_this_row: &'static str,
    /// 状态分布 / Statuses
    pub statuses: &'static str,
    /// 筛选和搜索需要 JavaScript；全部内容照常显示。 / Filtering and search need JavaScript; all rows are shown.
    pub filtering_and_search_need_javascript: &'static str,
    /// 置信度 / confidence
    pub confidence: &'static str,
    /// 确认 / Confirm
    pub confirm: &'static str,
    /// 否定 / Reject
    pub reject: &'static str,
    /// 指定对应的下级任务… / Pick the lower task that carries it…
    pub pick_the_lower_task_that: &'static str,
    /// 下载核实结果（overrides 文件） / Download decisions (overrides file)
    pub download_decisions_overrides_file: &'static str,
    /// 项人工判断 / decisions
    pub decisions: &'static str,
    /// 用 policydiff compare --overrides 该文件 重新比较即可采用这些判断。 / Run policydiff compare --overrides FILE to apply them.
    pub run_policydiff_compare_overrides_file: &'static str,
    /// 审核人 / Reviewer
    pub reviewer: &'static str,
    /// 备注 / Note
    pub note: &'static str,
    /// 标签 / Label
    pub label: &'static str,
    /// 逐级落实 / Implementation down the levels
    pub chain_title: &'static str,
    /// 逐级落实到最下一级的上级任务 / Top tasks that reach the lowest level
    pub top_tasks_that_reach_the: &'static str,
    /// 按最下一级的状态筛选 / Filter by the lowest level's status
    pub filter_by_the_lowest_level: &'static str,
    /// 搜索任务文本 / Search task text
    pub search_task_text: &'static str,
    /// 各级通知 / The notices, level by level
    pub the_notices_level_by_level: &'static str,
    /// 逐项落实链条 / Each top task down the levels
    pub each_top_task_down_the: &'static str,
    /// 点击序号查看该级任务原文；越级：上一级未落实，本级直接对照顶层通知落实。 / Click an id to read that level's task; direct: the level above dropped it, this level carries the top task directly.
    pub click_an_id_to_read: &'static str,
    /// 顶层任务 / top task
    pub top_task: &'static str,
    /// 各级汇总（对照上一级） / Per level, against the level above
    pub per_level_against_the_level: &'static str,
    /// 各级任务原文 / The tasks of every level
    pub the_tasks_of_every_level: &'static str,
    /// 越级 / direct
    pub direct: &'static str,
    /// 上一级未落实，本级直接对照顶层通知 / the level above dropped it; aligned directly against the top notice
    pub the_level_above_dropped_it: &'static str,
    /// ， / ,
    pub comma: &'static str,
    /// 对照 / compare
    pub compare: &'static str,
    /// 各地落实情况 / Coverage across localities
    pub coverage_title: &'static str,
    /// 落实热力图 / Heatmap
    pub heatmap: &'static str,
    /// 行：上级任务（默认落实最少的在前）；列：各地通知。点击“覆盖”排序任务，点击“覆盖率”排序地区。 / Rows: upper tasks (least covered first); columns: localities. Click “covered” to sort the tasks, “coverage” to sort the localities.
    pub rows_upper_tasks_least_covered: &'static str,
    /// 上级任务 / requirement
    pub upper_requirement: &'static str,
    /// 覆盖 / covered
    pub covered: &'static str,
    /// 覆盖率 % / coverage %
    pub coverage_pct: &'static str,
    /// 按覆盖排序任务 / Sort tasks by coverage
    pub sort_tasks_by_coverage: &'static str,
    /// 按覆盖率排序地区 / Sort localities by coverage
    pub sort_localities_by_coverage: &'static str,
    /// 无一地落实的任务 / Tasks no locality carried
    pub tasks_no_locality_carried: &'static str,
    /// 跳过的输入 / Inputs skipped
    pub inputs_skipped: &'static str,
    /// 下级通知 / Lower notices
    pub lower_notices: &'static str,
    /// 各地对照 / Each locality
    pub each_locality: &'static str,
    /// 点击热力图的格子或地区名，跳到该地的对照：未落实和待核实的上级任务。逐项对照（下级原文、改动）用下面的命令生成该地的对照报告。 / Click a heatmap cell or a locality's name to come here: the upper tasks it dropped and those to check. For the task-by-task comparison (lower texts, changes), write that pair's report with the command below.
    pub click_a_heatmap_cell_or: &'static str,
    /// 该地的对照报告 / This pair's report
    pub this_pair_s_report: &'static str,
    /// 未落实的上级任务 / Upper tasks dropped
    pub upper_tasks_dropped: &'static str,
    /// 判断待核实的上级任务 / Upper tasks to check
    pub upper_tasks_to_check: &'static str,
    /// 回到热力图 / Back to the heatmap
    pub back_to_the_heatmap: &'static str,
    /// 上级通知 (upper) / upper notice
    pub upper_notice_bilingual: &'static str,
    /// 下级通知 (lower) / lower notice
    pub lower_notice_bilingual: &'static str,
    /// ：上级任务 / : upper tasks
    pub upper_tasks_after_colon: &'static str,
    /// 各部分覆盖率 / Coverage per section
    pub coverage_per_section: &'static str,
    /// 图例：~~删除线~~ 为上级有而下级没有的文字，**粗体** 为下级新增的文字。 / Legend: ~~struck~~ text is in the upper task only, **bold** text in the lower task only.
    pub legend_struck_text_is_in: &'static str,
    /// 上级任务 / Upper task
    pub upper_task_text: &'static str,
    /// 最接近的下级任务（相似度） / Nearest lower tasks (score)
    pub nearest_lower_tasks_score: &'static str,
    /// 下级任务 / Lower task
    pub lower_task: &'static str,
    /// 差异 / Diff
    pub diff: &'static str,
    /// 数量变化 / Numbers
    pub numbers: &'static str,
    /// 约束弱化 / Softened
    pub softened_heading: &'static str,
    /// 分句覆盖 / Clauses covered
    pub clauses_covered: &'static str,
    /// ；未覆盖： / ; not covered:
    pub not_covered: &'static str,
    /// 所属部分 / Section
    pub section: &'static str,
    /// 最接近的上级任务（相似度） / Nearest upper tasks (score)
    pub nearest_upper_tasks_score: &'static str,
    /// 越级 / direct
    pub direct_suffix: &'static str,
    /// 各项任务的去向 / Each top task
    pub each_top_task: &'static str,
    /// 各级汇总 / Per level
    pub per_level_summary: &'static str,
    /// 层级（对照上一级） / level (against the level above)
    pub level_against_the_level_above: &'static str,
    /// 个下级通知 / lower notices
    pub lower_notices_counted: &'static str,
    /// 上级任务（落实最少的在前） / Upper tasks, least covered first
    pub upper_tasks_least_covered_first: &'static str,
    /// 未落实的地区 / dropped by
    pub dropped_by: &'static str,
    /// 摘要 / Memo
    pub memo: &'static str,
    /// （越级） / (direct)
    pub direct_in_brackets: &'static str,
    /// &C第 &P 页，共 &N 页 / &CPage &P of &N
    pub page_footer: &'static str,
    /// 责任单位 / units
    pub units_column: &'static str,
    /// 打印 print / print 打印
    pub print: &'static str,
    /// 对照 alignment / alignment 对照
    pub alignment: &'static str,
    /// 下级任务 / lower tasks
    pub lower_tasks: &'static str,
    /// 链条 chain / chain 链条
    pub chain: &'static str,
    /// 所属部分 / section
    pub section_column: &'static str,
    /// 任务 / tasks
    pub tasks_column: &'static str,
    /// 矩阵 matrix / matrix 矩阵
    pub matrix: &'static str,
    /// 覆盖地区数 / localities covering
    pub localities_covering: &'static str,
    /// 上级任务（落实最少的在前） / requirement (least covered first)
    pub requirement_least_covered_first: &'static str,
    /// 跳过的输入 / inputs skipped
    pub inputs_skipped_column: &'static str,
    /// 原因 / error
    pub error: &'static str,
    /// 途径 / via
    pub via: &'static str,
    /// 逐级 / chain
    pub via_chain: &'static str,
    /// 未到达 / none
    pub via_none: &'static str,
    /// 覆盖率 % / coverage %
    pub coverage_pct_row: &'static str,
}

/// The Chinese captions.
pub const ZH: Captions = Captions {
    colon: "：",
    title: "标题",
    issuer: "发文机关",
    document_number: "文号",
    date: "日期",
    level: "层级",
    tasks: "任务数",
    file: "文件",
    no_section: "（未分部分）",
    lead: "牵头",
    lead_unit_added: "新增牵头单位",
    lead_unit_removed: "取消牵头单位",
    lead_units_changed: "牵头单位改变",
    list_sep: "、",
    removed: "删去 ",
    added: "；新增 ",
    missing: "缺失",
    semicolon: "；",
    needs_review: "待核实",
    needs_review_the_evidence_for: "待核实：该项判断的依据接近判定界限且无其他佐证，或所对应的下级任务另有更相近的上级任务，或仅凭原句相同匹配而相邻任务的位置未予佐证，请人工核对后再采信；其余判断在校准与测试中 93% 以上正确。",
    evidence_near_the_line: "依据接近判定界限",
    its_lower_task_is_as: "所对应的下级任务另有同样或更相近的上级任务",
    linked_only_by_a_shared: "仅凭原句相同匹配，相邻任务的位置未予佐证",
    no_lower_task_shares_its: "措辞无相近下级任务，但有下级任务涉及同一主题",
    the_two_tasks_are_about: "两项任务各有主题，但无一相同",
    read_by_ocr_with_unsure: "由扫描件识别的文字中有把握不足的字",
    confirmed_by_override: "人工确认",
    linked_by_position_and_topic: "依位置与主题匹配：措辞相近度低于界限",
    shared_phrase: "原句相同「",
    caption: "」",
    rejected: "已否定",
    lower: "下级 ",
    rejected_by_a_reviewer: "审核人否定",
    check_first: "请先核实",
    no_lower_task_comes_near: "下级无相近任务",
    generated: "生成时间",
    implementation_comparison: "落实情况对照",
    implementation_down_the_levels: "逐级落实情况",
    coverage_across_localities: "下级落实情况汇总",
    open: "（",
    close: "）",
    upper_notice: "上级通知",
    lower_notice: "下级通知",
    summary: "概况",
    upper_section: "上级部分",
    upper_tasks: "上级任务",
    all: "全部",
    coverage: "覆盖率",
    dropped_upper_tasks: "未落实清单",
    none: "无。",
    upper_task: "上级序号",
    lead_units: "牵头单位",
    deadline: "时限",
    lower_word: "下级",
    upper_word: "上级",
    score: "相似度",
    nearest_lower_task: "最接近的下级任务",
    decisions_to_check: "待核实清单",
    upper_id: "上级序号",
    upper_text: "上级任务",
    status: "状态",
    why: "原因",
    task_by_task: "逐项对照",
    lower_ids: "下级序号",
    lower_text: "下级任务",
    changes: "变化",
    notice: "通知",
    reaching_the_lowest_level: "到达最下一级",
    per_level: "各级概况",
    chain_task_by_task: "逐项落实",
    id: "序号",
    requirement: "要求",
    upper_notice_heading: "上级通知",
    inputs_left_out: "未能读取的输入",
    coverage_per_locality: "各地覆盖率",
    locality: "地区",
    per_task_the_least_carried: "各项任务的落实情况（落实最少的在前）",
    localities_carrying: "落实地区数",
    localities_that_dropped_it: "未落实的地区",
    number: "数量 ",
    a_number_the_upper_text: "上级文本约束的数量在下级文本中改变或缺失",
    softened: "约束弱化 ",
    a_binding_word_above_became: "上级的刚性要求在下级变为较弱的措辞",
    clauses: "分句覆盖 ",
    upper_clauses_the_lower_text: "下级文本覆盖的上级分句数",
    the_score_alone_would_leave: "相似度不足以匹配，但两段文字独有一句相同的原文",
    override_: "人工确认",
    confirmed_or_added_by_an: "由 --overrides 文件确认或添加",
    all_sections: "全部",
    added_lower_tasks: "下级新增任务",
    html_lang: "zh-CN",
    upper: "上级",
    lower_column: "下级",
    the_two_notices: "两份通知",
    coverage_heading: "覆盖率",
    carried_reworded_upper_tasks: "（原文落实 + 改写落实）÷ 上级任务数",
    upper_section_heading: "上级部分",
    upper_tasks_heading: "上级任务",
    filter_by_status: "按状态筛选",
    all_button: "全部",
    search_text_ids_units: "搜索任务文字、序号、单位…",
    shown: "显示",
    deadline_heading: "时限",
    units: "责任单位",
    nearest_lower_tasks: "最接近的下级任务",
    nearest_upper_tasks: "最接近的上级任务",
    no_lower_task_carries_this: "下级通知中没有对应任务",
    no_upper_task_asks_for: "上级通知中没有对应任务",
    clauses_not_covered: "未覆盖的分句",
    legend: "图例",
    upper_only: "上级有、下级无",
    lower_only: "下级新增",
    link_to_this_row: "链接到此行",
    statuses: "状态分布",
    filtering_and_search_need_javascript: "筛选和搜索需要 JavaScript；全部内容照常显示。",
    confidence: "置信度",
    confirm: "确认",
    reject: "否定",
    pick_the_lower_task_that: "指定对应的下级任务…",
    download_decisions_overrides_file: "下载核实结果（overrides 文件）",
    decisions: "项人工判断",
    run_policydiff_compare_overrides_file: "用 policydiff compare --overrides 该文件 重新比较即可采用这些判断。",
    reviewer: "审核人",
    note: "备注",
    label: "标签",
    chain_title: "逐级落实",
    top_tasks_that_reach_the: "逐级落实到最下一级的上级任务",
    filter_by_the_lowest_level: "按最下一级的状态筛选",
    search_task_text: "搜索任务文本",
    the_notices_level_by_level: "各级通知",
    each_top_task_down_the: "逐项落实链条",
    click_an_id_to_read: "点击序号查看该级任务原文；越级：上一级未落实，本级直接对照顶层通知落实。",
    top_task: "顶层任务",
    per_level_against_the_level: "各级汇总（对照上一级）",
    the_tasks_of_every_level: "各级任务原文",
    direct: "越级",
    the_level_above_dropped_it: "上一级未落实，本级直接对照顶层通知",
    comma: "，",
    compare: "对照",
    coverage_title: "各地落实情况",
    heatmap: "落实热力图",
    rows_upper_tasks_least_covered: "行：上级任务（默认落实最少的在前）；列：各地通知。点击“覆盖”排序任务，点击“覆盖率”排序地区。",
    upper_requirement: "上级任务",
    covered: "覆盖",
    coverage_pct: "覆盖率 %",
    sort_tasks_by_coverage: "按覆盖排序任务",
    sort_localities_by_coverage: "按覆盖率排序地区",
    tasks_no_locality_carried: "无一地落实的任务",
    inputs_skipped: "跳过的输入",
    lower_notices: "下级通知",
    each_locality: "各地对照",
    click_a_heatmap_cell_or: "点击热力图的格子或地区名，跳到该地的对照：未落实和待核实的上级任务。逐项对照（下级原文、改动）用下面的命令生成该地的对照报告。",
    this_pair_s_report: "该地的对照报告",
    upper_tasks_dropped: "未落实的上级任务",
    upper_tasks_to_check: "判断待核实的上级任务",
    back_to_the_heatmap: "回到热力图",
    upper_notice_bilingual: "上级通知 (upper)",
    lower_notice_bilingual: "下级通知 (lower)",
    upper_tasks_after_colon: "：上级任务 ",
    coverage_per_section: "各部分覆盖率",
    legend_struck_text_is_in: "图例：~~删除线~~ 为上级有而下级没有的文字，**粗体** 为下级新增的文字。",
    upper_task_text: "上级任务",
    nearest_lower_tasks_score: "最接近的下级任务（相似度）",
    lower_task: "下级任务",
    diff: "差异",
    numbers: "数量变化",
    softened_heading: "约束弱化",
    clauses_covered: "分句覆盖",
    not_covered: "；未覆盖：",
    section: "所属部分",
    nearest_upper_tasks_score: "最接近的上级任务（相似度）",
    direct_suffix: " 越级",
    each_top_task: "各项任务的去向",
    per_level_summary: "各级汇总",
    level_against_the_level_above: "层级（对照上一级）",
    lower_notices_counted: "个下级通知",
    upper_tasks_least_covered_first: "上级任务（落实最少的在前）",
    dropped_by: "未落实的地区",
    memo: "摘要",
    direct_in_brackets: "（越级）",
    page_footer: "&C第 &P 页，共 &N 页",
    units_column: "责任单位",
    print: "打印 print",
    alignment: "对照 alignment",
    lower_tasks: "下级任务",
    chain: "链条 chain",
    section_column: "所属部分",
    tasks_column: "任务",
    matrix: "矩阵 matrix",
    localities_covering: "覆盖地区数",
    requirement_least_covered_first: "上级任务（落实最少的在前）",
    inputs_skipped_column: "跳过的输入",
    error: "原因",
    via: "途径",
    via_chain: "逐级",
    via_none: "未到达",
    coverage_pct_row: "覆盖率 %",
};

/// The English captions.
pub const EN: Captions = Captions {
    colon: ": ",
    title: "title",
    issuer: "issuer",
    document_number: "document number",
    date: "date",
    level: "level",
    tasks: "tasks",
    file: "file",
    no_section: "(no section)",
    lead: " (lead)",
    lead_unit_added: "lead unit added",
    lead_unit_removed: "lead unit removed",
    lead_units_changed: "lead units changed",
    list_sep: ", ",
    removed: "removed ",
    added: "; added ",
    missing: "missing",
    semicolon: "; ",
    needs_review: "needs review",
    needs_review_the_evidence_for: "Needs review: the evidence for this call lies near the line the aligner draws with nothing else to back it, or its lower task is at least as close to another upper task, or only a shared phrase made it and its neighbours' order does not back it; check it before relying on it. Outside review, calls were right at least 93% of the time in calibration and testing.",
    evidence_near_the_line: "evidence near the line",
    its_lower_task_is_as: "its lower task is as close or closer to another upper task",
    linked_only_by_a_shared: "linked only by a shared phrase, its neighbours' order not backing it",
    no_lower_task_shares_its: "no lower task shares its wording, but one has the same topic",
    the_two_tasks_are_about: "the two tasks are about different topics",
    read_by_ocr_with_unsure: "read by OCR with characters it was unsure of",
    confirmed_by_override: "confirmed by override",
    linked_by_position_and_topic: "linked by position and topic, its wording under the line",
    shared_phrase: "shared phrase “",
    caption: "”",
    rejected: "rejected",
    lower: "lower ",
    rejected_by_a_reviewer: "rejected by a reviewer",
    check_first: "Check first",
    no_lower_task_comes_near: "no lower task comes near",
    generated: "Generated",
    implementation_comparison: "Implementation comparison",
    implementation_down_the_levels: "Implementation down the levels",
    coverage_across_localities: "Coverage across localities",
    open: " (",
    close: ")",
    upper_notice: "upper notice",
    lower_notice: "lower notice",
    summary: "Summary",
    upper_section: "upper section",
    upper_tasks: "upper tasks",
    all: "all",
    coverage: "coverage",
    dropped_upper_tasks: "Dropped upper tasks",
    none: "None.",
    upper_task: "Upper task",
    lead_units: "lead units",
    deadline: "deadline",
    lower_word: "lower",
    upper_word: "upper",
    score: "score",
    nearest_lower_task: "nearest lower task",
    decisions_to_check: "Decisions to check",
    upper_id: "upper id",
    upper_text: "upper text",
    status: "status",
    why: "why",
    task_by_task: "Task by task",
    lower_ids: "lower ids",
    lower_text: "lower text",
    changes: "changes",
    notice: "notice",
    reaching_the_lowest_level: "Reaching the lowest level",
    per_level: "Per level",
    chain_task_by_task: "Task by task",
    id: "id",
    requirement: "requirement",
    upper_notice_heading: "Upper notice",
    inputs_left_out: "Inputs left out",
    coverage_per_locality: "Coverage per locality",
    locality: "locality",
    per_task_the_least_carried: "Per task (the least carried first)",
    localities_carrying: "localities carrying",
    localities_that_dropped_it: "localities that dropped it",
    number: "number ",
    a_number_the_upper_text: "a number the upper text binds changed or is missing below",
    softened: "softened ",
    a_binding_word_above_became: "a binding word above became a softer one below",
    clauses: "clauses ",
    upper_clauses_the_lower_text: "upper clauses the lower text covers",
    the_score_alone_would_leave: "the score alone would leave it dropped, but the two texts alone share this phrase verbatim",
    override_: "override",
    confirmed_or_added_by_an: "confirmed or added by an --overrides file",
    all_sections: "All sections",
    added_lower_tasks: "Added lower tasks",
    html_lang: "en",
    upper: "Upper",
    lower_column: "Lower",
    the_two_notices: "The two notices",
    coverage_heading: "Coverage",
    carried_reworded_upper_tasks: "(carried + reworded) ÷ upper tasks",
    upper_section_heading: "Upper section",
    upper_tasks_heading: "Upper tasks",
    filter_by_status: "Filter by status",
    all_button: "All",
    search_text_ids_units: "Search text, ids, units…",
    shown: "shown",
    deadline_heading: "Deadline",
    units: "Units",
    nearest_lower_tasks: "Nearest lower tasks",
    nearest_upper_tasks: "Nearest upper tasks",
    no_lower_task_carries_this: "No lower task carries this",
    no_upper_task_asks_for: "No upper task asks for this",
    clauses_not_covered: "Clauses not covered",
    legend: "Legend",
    upper_only: "upper only",
    lower_only: "lower only",
    link_to_this_row: "Link to this row",
    statuses: "Statuses",
    filtering_and_search_need_javascript: "Filtering and search need JavaScript; all rows are shown.",
    confidence: "confidence",
    confirm: "Confirm",
    reject: "Reject",
    pick_the_lower_task_that: "Pick the lower task that carries it…",
    download_decisions_overrides_file: "Download decisions (overrides file)",
    decisions: "decisions",
    run_policydiff_compare_overrides_file: "Run policydiff compare --overrides FILE to apply them.",
    reviewer: "Reviewer",
    note: "Note",
    label: "Label",
    chain_title: "Implementation down the levels",
    top_tasks_that_reach_the: "Top tasks that reach the lowest level",
    filter_by_the_lowest_level: "Filter by the lowest level's status",
    search_task_text: "Search task text",
    the_notices_level_by_level: "The notices, level by level",
    each_top_task_down_the: "Each top task down the levels",
    click_an_id_to_read: "Click an id to read that level's task; direct: the level above dropped it, this level carries the top task directly.",
    top_task: "top task",
    per_level_against_the_level: "Per level, against the level above",
    the_tasks_of_every_level: "The tasks of every level",
    direct: "direct",
    the_level_above_dropped_it: "the level above dropped it; aligned directly against the top notice",
    comma: ", ",
    compare: "compare",
    coverage_title: "Coverage across localities",
    heatmap: "Heatmap",
    rows_upper_tasks_least_covered: "Rows: upper tasks (least covered first); columns: localities. Click “covered” to sort the tasks, “coverage” to sort the localities.",
    upper_requirement: "requirement",
    covered: "covered",
    coverage_pct: "coverage %",
    sort_tasks_by_coverage: "Sort tasks by coverage",
    sort_localities_by_coverage: "Sort localities by coverage",
    tasks_no_locality_carried: "Tasks no locality carried",
    inputs_skipped: "Inputs skipped",
    lower_notices: "Lower notices",
    each_locality: "Each locality",
    click_a_heatmap_cell_or: "Click a heatmap cell or a locality's name to come here: the upper tasks it dropped and those to check. For the task-by-task comparison (lower texts, changes), write that pair's report with the command below.",
    this_pair_s_report: "This pair's report",
    upper_tasks_dropped: "Upper tasks dropped",
    upper_tasks_to_check: "Upper tasks to check",
    back_to_the_heatmap: "Back to the heatmap",
    upper_notice_bilingual: "upper notice",
    lower_notice_bilingual: "lower notice",
    upper_tasks_after_colon: ": upper tasks ",
    coverage_per_section: "Coverage per section",
    legend_struck_text_is_in: "Legend: ~~struck~~ text is in the upper task only, **bold** text in the lower task only.",
    upper_task_text: "Upper task",
    nearest_lower_tasks_score: "Nearest lower tasks (score)",
    lower_task: "Lower task",
    diff: "Diff",
    numbers: "Numbers",
    softened_heading: "Softened",
    clauses_covered: "Clauses covered",
    not_covered: "; not covered: ",
    section: "Section",
    nearest_upper_tasks_score: "Nearest upper tasks (score)",
    direct_suffix: " direct",
    each_top_task: "Each top task",
    per_level_summary: "Per level",
    level_against_the_level_above: "level (against the level above)",
    lower_notices_counted: "lower notices",
    upper_tasks_least_covered_first: "Upper tasks, least covered first",
    dropped_by: "dropped by",
    memo: "Memo",
    direct_in_brackets: " (direct)",
    page_footer: "&CPage &P of &N",
    units_column: "units",
    print: "print 打印",
    alignment: "alignment 对照",
    lower_tasks: "lower tasks",
    chain: "chain 链条",
    section_column: "section",
    tasks_column: "tasks",
    matrix: "matrix 矩阵",
    localities_covering: "localities covering",
    requirement_least_covered_first: "requirement (least covered first)",
    inputs_skipped_column: "inputs skipped",
    error: "error",
    via: "via",
    via_chain: "chain",
    via_none: "none",
    coverage_pct_row: "coverage %",
};

/// The captions of `lang`.
pub fn of(lang: Lang) -> &'static Captions {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
