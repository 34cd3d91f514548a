//! `policydiff serve`: an auditor's workspace in the browser, for those who do not use a
//! terminal. A local web application over one folder (the workspace): notices are
//! uploaded into it (any input format), parsed once and listed with their level, region,
//! year and task count; an upper notice and lower ones give the compare, chain and
//! coverage views and an audit summary, in every report format; review decisions made in
//! the compare page are stored in the workspace's database ([`store`]) with the pair's
//! content hashes, the reviewer and the time, and apply to every later run of that pair.
//!
//! The handlers call the same library functions as the command line (`ingest`, `parse`,
//! `align`, `report`); pages are the report renderers' own, with a navigation bar and
//! the address decisions are posted to added.
//!
//! Safety: it binds 127.0.0.1 by default; every request must carry the per-run token
//! (`?t=…`), and on loopback a Host header naming this server on a loopback address
//! (a rebinding site sends its own name); `--listen ADDR` for a shared machine requires a
//! password (HTTP Basic). Uploads are capped by `--max-input-size` and read like any
//! input; a stored notice's file name is its content hash, and a request names notices
//! only by those names, looked up in memory: nothing from a request becomes a path.

pub mod http;
mod page;
pub mod store;

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tiny_http::{Header, Request, Response, Server};

use crate::align::AlignOptions;
use crate::ingest::IngestOptions;
use crate::model::{Alignment, Notice, Status, Thresholds};
use crate::report::{self, Format, Lang, RenderOptions};
use store::{Action, NewDecision, Store, StoreError};

/// What `serve` is asked.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The workspace folder (made when missing).
    pub workspace: PathBuf,
    /// Where to listen; `None`: 127.0.0.1 on a free port.
    pub listen: Option<SocketAddr>,
    /// Required (HTTP Basic) when `listen` is not a loopback address.
    pub password: Option<String>,
    pub ingest: IngestOptions,
    pub thresholds: Thresholds,
    pub lang: Lang,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {message}")]
    Bind { addr: String, message: String },
    #[error(
        "--listen {addr} is not a loopback address: set a password with --password or POLICYDIFF_PASSWORD, so that others on the network cannot read or change the workspace"
    )]
    NeedsPassword { addr: String },
    #[error("cannot make a token: {0}")]
    Random(String),
    #[error("{path}: cannot make the notices folder: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
}

/// The folder inside the workspace that holds uploaded notices.
pub const NOTICES_DIR: &str = "notices";

/// A running workspace server: its address and token, before it serves.
pub struct Workspace {
    server: Server,
    app: App,
    url: String,
}

/// One notice of the workspace, parsed once.
#[derive(Debug, Clone)]
struct Entry {
    /// The stored file's name (`<hash>.<ext>`): how requests name it.
    file: String,
    /// The name it was uploaded as.
    original: String,
    notice: Notice,
    hash: String,
}

struct App {
    dir: PathBuf,
    store: Store,
    token: String,
    port: u16,
    /// Only loopback Host headers are accepted (when bound to loopback).
    loopback: bool,
    password: Option<String>,
    ingest: IngestOptions,
    thresholds: Thresholds,
    lang: Lang,
    notices: BTreeMap<String, Entry>,
    /// Notices of the folder that could not be read, with why.
    problems: Vec<String>,
}

impl Workspace {
    /// Opens the workspace (its database and the notices already in it) and binds the
    /// address; call [`Workspace::run`] to serve.
    pub fn open(o: &ServeOptions) -> Result<Workspace, ServeError> {
        let addr = o
            .listen
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
        let loopback = addr.ip().is_loopback();
        if !loopback && o.password.as_deref().is_none_or(str::is_empty) {
            return Err(ServeError::NeedsPassword {
                addr: addr.to_string(),
            });
        }
        let store = Store::open(&o.workspace)?;
        let notices_dir = o.workspace.join(NOTICES_DIR);
        std::fs::create_dir_all(&notices_dir).map_err(|source| ServeError::Io {
            path: notices_dir.display().to_string(),
            source,
        })?;
        let mut token = [0u8; 16];
        getrandom::fill(&mut token).map_err(|e| ServeError::Random(e.to_string()))?;
        let token: String = token.iter().map(|b| format!("{b:02x}")).collect();
        let server = Server::http(addr).map_err(|e| ServeError::Bind {
            addr: addr.to_string(),
            message: e.to_string(),
        })?;
        let port = server
            .server_addr()
            .to_ip()
            .map_or(addr.port(), |a| a.port());
        let mut app = App {
            dir: o.workspace.clone(),
            store,
            token,
            port,
            loopback,
            password: o.password.clone(),
            ingest: o.ingest.clone(),
            thresholds: o.thresholds.clone(),
            lang: o.lang,
            notices: BTreeMap::new(),
            problems: Vec::new(),
        };
        app.load_folder();
        let host = if loopback {
            "127.0.0.1".to_string()
        } else {
            addr.ip().to_string()
        };
        let url = format!("http://{host}:{port}/?t={}", app.token);
        Ok(Workspace { server, app, url })
    }

    /// The address to open, with the token.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Notices of the folder that could not be read, one line each.
    pub fn problems(&self) -> &[String] {
        &self.app.problems
    }

    /// Serves requests, one at a time, until the process ends.
    pub fn run(mut self) {
        for mut req in self.server.incoming_requests() {
            let reply = self.app.handle(&mut req);
            // A client that went away is not the server's problem.
            let _ = req.respond(reply.into_response());
        }
    }
}

/// Opens `url` in the desktop's browser when there is one (`xdg-open`, `open`, `start`);
/// without one nothing happens (the address is printed anyway).
pub fn open_browser(url: &str) {
    use std::process::{Command, Stdio};
    let graphical = cfg!(any(target_os = "macos", windows))
        || std::env::var_os("DISPLAY").is_some()
        || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if !graphical {
        return;
    }
    let mut cmd = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    let _ = cmd
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

/// What a handler answers.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    fn html(body: String) -> Reply {
        Reply::new(200, "text/html; charset=utf-8", body)
    }

    fn error(status: u16, message: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", format!("{message}\n"))
    }

    fn redirect(to: String) -> Reply {
        let mut r = Reply::new(303, "text/plain; charset=utf-8", "");
        r.headers.push(("Location", to));
        r
    }

    fn with(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }

    fn into_response(self) -> Response<io::Cursor<Vec<u8>>> {
        // Content-Length, never chunked: every body is whole in memory already.
        let mut r = Response::from_data(self.body)
            .with_status_code(self.status)
            .with_chunked_threshold(usize::MAX);
        let mut headers = vec![
            ("Content-Type", self.content_type.to_string()),
            ("Cache-Control", "no-store".to_string()),
            ("X-Content-Type-Options", "nosniff".to_string()),
            ("Referrer-Policy", "no-referrer".to_string()),
            ("X-Frame-Options", "DENY".to_string()),
            // The pages load nothing from anywhere; their scripts and styles are inline.
            (
                "Content-Security-Policy",
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'".to_string(),
            ),
        ];
        headers.extend(self.headers);
        for (k, v) in headers {
            if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                r.add_header(h);
            }
        }
        r
    }
}

/// The request's parameters: its query string, and a urlencoded body's fields.
struct Params(Vec<(String, String)>);

impl Params {
    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// The largest form body (decisions) read.
const MAX_FORM: u64 = 64 * 1024;

impl App {
    /// Reads every notice already in the workspace's folder.
    fn load_folder(&mut self) {
        let dir = self.dir.join(NOTICES_DIR);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for path in files {
            let Some(file) = path.file_name().and_then(|f| f.to_str()).map(String::from) else {
                continue;
            };
            let original = self
                .store
                .original_name(&file)
                .ok()
                .flatten()
                .unwrap_or_else(|| file.clone());
            match crate::load_notice(&path, &self.ingest) {
                Ok(mut notice) => {
                    notice.source = original.clone();
                    let hash = notice.content_hash();
                    self.notices.insert(
                        file.clone(),
                        Entry {
                            file,
                            original,
                            notice,
                            hash,
                        },
                    );
                }
                Err(e) => self.problems.push(e.to_string()),
            }
        }
    }

    fn handle(&mut self, req: &mut Request) -> Reply {
        let header = |name: &'static str| {
            req.headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_string())
        };
        // DNS rebinding: a foreign site's page reaching 127.0.0.1 sends its own name.
        if self.loopback {
            match header("Host") {
                Some(h) if http::loopback_host(&h, self.port) => {}
                _ => {
                    return Reply::error(403, "refused: the Host header does not name this server");
                }
            }
        }
        if let Some(pw) = &self.password {
            let given = header("Authorization").and_then(|a| http::basic_password(&a));
            if !given.is_some_and(|g| http::same_secret(&g, pw)) {
                return Reply::error(401, "a password is needed")
                    .with("WWW-Authenticate", "Basic realm=\"policydiff\"".into());
            }
        }
        let url = req.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        let mut params = Params(http::form(query));
        if !params
            .get("t")
            .is_some_and(|t| http::same_secret(t, &self.token))
        {
            return Reply::error(
                403,
                "refused: missing or wrong token (use the address policydiff serve printed)",
            );
        }
        let method = req.method().as_str().to_string();
        let content_type = header("Content-Type").unwrap_or_default();
        match (method.as_str(), path) {
            ("GET", "/") => Reply::html(self.workspace_page(&[])),
            ("POST", "/upload") => self.upload(req, &content_type),
            ("POST", "/decision") => match read_capped(req, MAX_FORM) {
                Ok(Some(body)) => {
                    params.0.extend(http::form(&String::from_utf8_lossy(&body)));
                    self.decide(&params)
                }
                Ok(None) => Reply::error(413, "refused: the request is too large"),
                Err(e) => Reply::error(400, &format!("cannot read the request: {e}")),
            },
            ("GET", "/compare") => self.compare(&params),
            ("GET", "/overrides") => self.overrides_file(&params),
            ("GET", "/history") => self.history(&params),
            ("GET", "/chain") => self.chain(&params),
            ("GET", "/coverage") => self.coverage(&params),
            ("GET", "/audit") => self.audit(&params),
            ("GET" | "POST", _) => Reply::error(404, "not found"),
            _ => Reply::error(405, "method not allowed"),
        }
    }

    fn link(&self, path: &str, args: &[(&str, &str)]) -> String {
        let mut s = format!("{path}?t={}", self.token);
        for (k, v) in args {
            s.push('&');
            s.push_str(k);
            s.push('=');
            s.push_str(&http::encode(v));
        }
        s
    }

    fn entry(&self, file: Option<&str>) -> Result<&Entry, Reply> {
        let file = file.ok_or_else(|| Reply::error(400, "choose the notices first"))?;
        self.notices
            .get(file)
            .ok_or_else(|| Reply::error(404, "no such notice in this workspace"))
    }

    /// Stores and reads each uploaded file; a file that cannot be read is refused with
    /// its one-line error, and nothing of it is kept.
    fn upload(&mut self, req: &mut Request, content_type: &str) -> Reply {
        let max = self.ingest.max_input_size;
        // Room for the form's own framing around one file of the largest size.
        let cap = max.saturating_add(64 * 1024);
        if req.body_length().is_some_and(|n| n as u64 > cap) {
            return Reply::error(
                413,
                &format!("refused: the upload is larger than --max-input-size ({max} bytes)"),
            );
        }
        let body = match read_capped(req, cap) {
            Ok(Some(b)) => b,
            Ok(None) => {
                return Reply::error(
                    413,
                    &format!("refused: the upload is larger than --max-input-size ({max} bytes)"),
                );
            }
            Err(e) => return Reply::error(400, &format!("cannot read the upload: {e}")),
        };
        let Some(parts) = http::multipart(content_type, &body) else {
            return Reply::error(400, "refused: not a multipart/form-data upload");
        };
        if let Some(p) = parts.iter().find(|p| p.data.len() as u64 > max) {
            return Reply::error(
                413,
                &format!(
                    "{}: refused: the file is larger than --max-input-size ({max} bytes)",
                    p.filename.as_deref().unwrap_or("upload")
                ),
            );
        }
        let mut messages = Vec::new();
        let mut stored = 0;
        for part in parts.into_iter().filter(|p| p.filename.is_some()) {
            let original = part.filename.unwrap_or_default();
            if original.is_empty() && part.data.is_empty() {
                continue;
            }
            match self.add_notice(&original, &part.data) {
                Ok(()) => stored += 1,
                Err(e) => messages.push(e),
            }
        }
        if messages.is_empty() {
            return Reply::redirect(self.link("/", &[]));
        }
        let mut r = Reply::html(self.workspace_page(&messages));
        r.status = if stored == 0 { 400 } else { 200 };
        r
    }

    fn add_notice(&mut self, original: &str, data: &[u8]) -> Result<(), String> {
        let doc =
            crate::ingest::read_bytes(original, data, &self.ingest).map_err(|e| e.to_string())?;
        let mut notice = crate::parse::parse_document(&doc).map_err(|e| e.to_string())?;
        notice.source = original.to_string();
        let file = stored_name(original, data);
        let path = self.dir.join(NOTICES_DIR).join(&file);
        if !path.exists() {
            write_new(&path, data).map_err(|e| format!("{original}: cannot store it: {e}"))?;
        }
        self.store
            .add_notice(&file, original, &now())
            .map_err(|e| e.to_string())?;
        let hash = notice.content_hash();
        self.notices.insert(
            file.clone(),
            Entry {
                file,
                original: original.to_string(),
                notice,
                hash,
            },
        );
        Ok(())
    }

    /// The alignment of a pair with the workspace's decisions on it.
    fn align(&self, u: &Entry, l: &Entry) -> Result<Alignment, Reply> {
        crate::align::check_size(&u.notice, &l.notice)
            .map_err(|e| Reply::error(400, &e.to_string()))?;
        let overrides = self
            .store
            .overrides(&u.notice, &l.notice)
            .map_err(|e| Reply::error(500, &e.to_string()))?;
        let opts = AlignOptions {
            thresholds: self.thresholds.clone(),
            overrides: Some(overrides),
            details: true,
            ..Default::default()
        };
        let seg = crate::segment::Segmenter::shared();
        let mut a = crate::align::align(u.notice.clone(), l.notice.clone(), seg, &opts);
        let checks = crate::sanity::pair((&a.upper).into(), (&a.lower).into());
        a.warnings.splice(0..0, checks);
        Ok(a)
    }

    fn render_opts(&self) -> RenderOptions {
        RenderOptions {
            lang: self.lang,
            width: Some(100),
            timestamp: None,
        }
    }

    fn compare(&self, p: &Params) -> Reply {
        let (u, l) = match (
            self.entry(p.get("u")),
            self.entry(p.all("l").first().copied()),
        ) {
            (Ok(u), Ok(l)) => (u, l),
            (Err(r), _) | (_, Err(r)) => return r,
        };
        let a = match self.align(u, l) {
            Ok(a) => a,
            Err(r) => return r,
        };
        let format = match format_of(p) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let mut out = Vec::new();
        if let Err(e) = report::render(format, &a, &self.render_opts(), &mut out) {
            return Reply::error(500, &e.to_string());
        }
        if format == Format::Html {
            let html = String::from_utf8_lossy(&out).into_owned();
            let endpoint = self.link("/decision", &[("u", &u.file), ("l", &l.file)]);
            let html = self.decorate(html, Some(&endpoint), &self.pair_nav(u, l));
            return Reply::html(html);
        }
        let name = format!("policydiff-{}-{}", stem(&u.original), stem(&l.original));
        download(format, &name, out)
    }

    /// Adds the navigation bar (and, for a compare page, where decisions are posted).
    fn decorate(&self, html: String, endpoint: Option<&str>, nav: &str) -> String {
        let mut html = html;
        if let Some(e) = endpoint
            && let Some(i) = html.find("<head>")
        {
            let meta = format!(
                "\n<meta name=\"policydiff-serve\" content=\"{}\">",
                page::escape(e)
            );
            html.insert_str(i + "<head>".len(), &meta);
        }
        if let Some(i) = html.find("<body>") {
            html.insert_str(i + "<body>".len(), nav);
        }
        html
    }

    fn pair_nav(&self, u: &Entry, l: &Entry) -> String {
        let pair = [("u", u.file.as_str()), ("l", l.file.as_str())];
        let with = |f: &'static str| {
            let mut v = pair.to_vec();
            v.push(("format", f));
            self.link("/compare", &v)
        };
        let links = vec![
            (self.link("/", &[]), "← 工作区 workspace".to_string()),
            (with("xlsx"), "Excel".to_string()),
            (with("csv"), "CSV".to_string()),
            (with("md"), "Markdown".to_string()),
            (with("json"), "JSON".to_string()),
            (self.link("/overrides", &pair), "overrides.tsv".to_string()),
            (self.link("/history", &pair), "历史 history".to_string()),
        ];
        page::nav(&links)
    }

    fn decide(&mut self, p: &Params) -> Reply {
        let (u, l) = match (self.entry(p.get("u")), self.entry(p.get("l"))) {
            (Ok(u), Ok(l)) => (u.clone(), l.clone()),
            (Err(r), _) | (_, Err(r)) => return r,
        };
        let (Some(upper), Some(lower)) = (p.get("upper"), p.get("lower")) else {
            return Reply::error(400, "a decision names an upper and a lower task");
        };
        if u.notice.task(upper).is_none() || l.notice.task(lower).is_none() {
            return Reply::error(400, "a decision names tasks of the two notices");
        }
        let Some(action) = p.get("action").and_then(Action::from_name) else {
            return Reply::error(400, "action must be confirm, reject or clear");
        };
        let status = match p.get("status").filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match Status::from_name(s) {
                Some(st @ (Status::Carried | Status::Reworded)) => Some(st),
                _ => return Reply::error(400, "status must be carried or reworded"),
            },
        };
        let reviewer = p
            .get("reviewer")
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or("(anonymous)");
        let d = NewDecision {
            upper_hash: u.hash.clone(),
            lower_hash: l.hash.clone(),
            upper: upper.to_string(),
            lower: lower.to_string(),
            action,
            status,
            reviewer: reviewer.chars().take(100).collect(),
            note: p
                .get("note")
                .filter(|n| !n.trim().is_empty())
                .map(|n| n.chars().take(2000).collect()),
        };
        match self.store.record(&d, &now()) {
            Ok(id) => Reply::new(
                200,
                "application/json",
                format!("{{\"ok\":true,\"id\":{id}}}"),
            ),
            Err(e) => Reply::error(500, &e.to_string()),
        }
    }

    fn overrides_file(&self, p: &Params) -> Reply {
        let (u, l) = match (self.entry(p.get("u")), self.entry(p.get("l"))) {
            (Ok(u), Ok(l)) => (u, l),
            (Err(r), _) | (_, Err(r)) => return r,
        };
        match self.store.overrides(&u.notice, &l.notice) {
            Ok(o) => {
                let name = format!("overrides-{}-{}", stem(&u.original), stem(&l.original));
                Reply::new(200, "text/tab-separated-values; charset=utf-8", o.to_tsv())
                    .with("Content-Disposition", attachment(&format!("{name}.tsv")))
            }
            Err(e) => Reply::error(500, &e.to_string()),
        }
    }

    fn history(&self, p: &Params) -> Reply {
        let (u, l) = match (self.entry(p.get("u")), self.entry(p.get("l"))) {
            (Ok(u), Ok(l)) => (u, l),
            (Err(r), _) | (_, Err(r)) => return r,
        };
        let tasks: Vec<&str> = match p.get("task") {
            Some(t) => vec![t],
            None => u.notice.tasks.iter().map(|t| t.id.as_str()).collect(),
        };
        let mut rows = Vec::new();
        for t in tasks {
            match self.store.history(&u.hash, &l.hash, t) {
                Ok(h) => rows.extend(h),
                Err(e) => return Reply::error(500, &e.to_string()),
            }
        }
        let back = self.link("/compare", &[("u", &u.file), ("l", &l.file)]);
        Reply::html(page::history(
            &format!(
                "{} → {}",
                report::describe::heading(&u.notice),
                report::describe::heading(&l.notice)
            ),
            &rows,
            &back,
            &self.link("/history", &[("u", &u.file), ("l", &l.file)]),
        ))
    }

    /// The chosen notices: `u`, then each `l`, in the order given.
    fn chosen(&self, p: &Params) -> Result<Vec<&Entry>, Reply> {
        let mut out = vec![self.entry(p.get("u"))?];
        for l in p.all("l") {
            out.push(self.entry(Some(l))?);
        }
        Ok(out)
    }

    fn chain(&self, p: &Params) -> Reply {
        let chosen = match self.chosen(p) {
            Ok(c) if c.len() >= 2 => c,
            Ok(_) => {
                return Reply::error(
                    400,
                    "a chain needs an upper notice and at least one lower notice",
                );
            }
            Err(r) => return r,
        };
        let format = match format_of(p) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let notices: Vec<Notice> = chosen.iter().map(|e| e.notice.clone()).collect();
        for w in notices.windows(2) {
            if let Err(e) = crate::align::check_size(&w[0], &w[1]) {
                return Reply::error(400, &e.to_string());
            }
        }
        let checks = crate::sanity::chain(&notices);
        let opts = AlignOptions {
            thresholds: self.thresholds.clone(),
            ..Default::default()
        };
        // Each pair with the workspace's decisions on it.
        let decisions = |u: &Notice, l: &Notice| self.store.overrides(u, l).ok();
        let mut c = crate::chain::chain_with(
            notices,
            crate::segment::Segmenter::shared(),
            &opts,
            &decisions,
        );
        c.warnings.splice(0..0, checks);
        let mut out = Vec::new();
        if let Err(e) = report::render_chain(format, &c, &self.render_opts(), &mut out) {
            return Reply::error(500, &e.to_string());
        }
        let name = format!("policydiff-chain-{}", stem(&chosen[0].original));
        if format == Format::Html {
            let nav = page::nav(&[(self.link("/", &[]), "← 工作区 workspace".into())]);
            return Reply::html(self.decorate(
                String::from_utf8_lossy(&out).into_owned(),
                None,
                &nav,
            ));
        }
        download(format, &name, out)
    }

    fn coverage(&self, p: &Params) -> Reply {
        let chosen = match self.chosen(p) {
            Ok(c) if c.len() >= 2 => c,
            Ok(_) => {
                return Reply::error(
                    400,
                    "coverage needs an upper notice and at least one lower notice",
                );
            }
            Err(r) => return r,
        };
        let format = match format_of(p) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let upper = chosen[0];
        let mut localities = Vec::new();
        for l in &chosen[1..] {
            match self.align(upper, l) {
                Ok(a) => {
                    let warnings = crate::model::Warning::of_notice(&a.lower);
                    localities.push(crate::coverage::locality(a, warnings))
                }
                Err(r) => return r,
            }
        }
        let opts = AlignOptions {
            thresholds: self.thresholds.clone(),
            ..Default::default()
        };
        let c = crate::coverage::assemble(upper.notice.clone(), localities, Vec::new(), &opts);
        let mut out = Vec::new();
        if let Err(e) = report::render_coverage(format, &c, &self.render_opts(), &mut out) {
            return Reply::error(500, &e.to_string());
        }
        if format != Format::Html {
            return download(
                format,
                &format!("policydiff-coverage-{}", stem(&upper.original)),
                out,
            );
        }
        // A heatmap cell opens that pair's report at the task.
        let targets: Vec<String> = chosen[1..]
            .iter()
            .map(|l| self.link("/compare", &[("u", &upper.file), ("l", &l.file)]))
            .collect();
        let nav = page::nav(&[(self.link("/", &[]), "← 工作区 workspace".into())])
            + &page::cell_links(&targets);
        Reply::html(self.decorate(String::from_utf8_lossy(&out).into_owned(), None, &nav))
    }

    /// The audit summary of the workspace: per lower notice, its coverage, the upper
    /// tasks it left undone (未落实) with their lead units, the decisions made and the
    /// statuses still to check (待核实).
    fn audit(&self, p: &Params) -> Reply {
        let upper = match self.entry(p.get("u")) {
            Ok(u) => u,
            Err(r) => return r,
        };
        let lowers: Vec<&Entry> = if p.all("l").is_empty() {
            self.notices
                .values()
                .filter(|e| e.file != upper.file && below(&upper.notice, &e.notice))
                .collect()
        } else {
            match self.chosen(p) {
                Ok(c) => c[1..].to_vec(),
                Err(r) => return r,
            }
        };
        let mut rows = Vec::new();
        for l in lowers {
            let a = match self.align(upper, l) {
                Ok(a) => a,
                Err(r) => return r,
            };
            let decisions = self.store.count(&upper.hash, &l.hash).unwrap_or(0);
            rows.push(page::AuditRow::of(&a, &l.original, decisions, self.lang));
        }
        let title = report::describe::heading(&upper.notice);
        match p.get("format").unwrap_or("html") {
            "csv" => download(
                Format::Csv,
                &format!("policydiff-audit-{}", stem(&upper.original)),
                page::audit_csv(&rows).into_bytes(),
            ),
            _ => {
                let csv = self.link("/audit", &[("u", &upper.file), ("format", "csv")]);
                Reply::html(page::audit(&title, &rows, &self.link("/", &[]), &csv))
            }
        }
    }

    fn workspace_page(&self, messages: &[String]) -> String {
        // Upper levels first, then by region, year and name.
        let mut entries: Vec<&Entry> = self.notices.values().collect();
        entries.sort_by(|a, b| {
            let key = |e: &&Entry| {
                let m = &e.notice.meta;
                (m.level, m.region.clone(), m.year, e.original.clone())
            };
            key(a).cmp(&key(b))
        });
        let rows: Vec<page::NoticeRow> = entries
            .iter()
            .map(|e| page::NoticeRow::of(&e.file, &e.original, &e.notice, &e.hash))
            .collect();
        let mut problems = self.problems.clone();
        problems.extend(messages.iter().cloned());
        page::workspace(
            &self.dir.display().to_string(),
            &self.token,
            &rows,
            &problems,
        )
    }
}

/// Whether `lower` is of a lower administrative level than `upper` (or either level is
/// unknown).
fn below(upper: &Notice, lower: &Notice) -> bool {
    match (upper.meta.level, lower.meta.level) {
        (Some(u), Some(l)) => l > u,
        _ => true,
    }
}

fn format_of(p: &Params) -> Result<Format, Reply> {
    match p.get("format").unwrap_or("html") {
        "html" => Ok(Format::Html),
        "xlsx" => Ok(Format::Xlsx),
        "csv" => Ok(Format::Csv),
        "md" => Ok(Format::Markdown),
        "json" => Ok(Format::Json),
        _ => Err(Reply::error(
            400,
            "format must be html, xlsx, csv, md or json",
        )),
    }
}

fn download(format: Format, name: &str, body: Vec<u8>) -> Reply {
    let (ext, ct) = match format {
        Format::Xlsx => (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Format::Csv => ("csv", "text/csv; charset=utf-8"),
        Format::Markdown => ("md", "text/markdown; charset=utf-8"),
        Format::Json => ("json", "application/json"),
        _ => ("txt", "text/plain; charset=utf-8"),
    };
    Reply::new(200, ct, body).with("Content-Disposition", attachment(&format!("{name}.{ext}")))
}

/// `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266).
fn attachment(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        http::encode(name)
    )
}

/// A file name's stem, for download names.
fn stem(original: &str) -> String {
    crate::report::describe::download_stem(original)
}

/// How an upload is stored: its bytes' hash and a known extension, never its name.
fn stored_name(original: &str, data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    const KNOWN: [&str; 12] = [
        "txt", "md", "docx", "doc", "wps", "html", "htm", "pdf", "xlsx", "xls", "ods", "et",
    ];
    let ext = Path::new(original)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| KNOWN.contains(&e.as_str()))
        .unwrap_or_else(|| "bin".to_string());
    let hash: String = Sha256::digest(data)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{hash}.{ext}")
}

/// Writes a new file whole or not at all (a temporary file renamed into place).
fn write_new(path: &Path, data: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Reads a request body of at most `cap` bytes; `None` when it is longer.
fn read_capped(req: &mut Request, cap: u64) -> io::Result<Option<Vec<u8>>> {
    let mut body = Vec::new();
    req.as_reader().take(cap + 1).read_to_end(&mut body)?;
    Ok((body.len() as u64 <= cap).then_some(body))
}

fn now() -> String {
    report::utc_timestamp(SystemTime::now())
}
