//! Headless Chromium driven over the DevTools protocol (issue 15): a test presses the
//! HTML report's filter buttons with real mouse events, types into its search box, and
//! counts the rows the browser actually shows, at desktop and phone widths.
//!
//! Chromium is Debian's (`.ci/run` installs it). Without it the browser tests skip
//! themselves, saying why — except under CI (`CI` set), where a missing browser fails.

use std::fs;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// Debian's chromium, or `None` (with a note) when it is absent outside CI.
pub fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/chromium");
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI is set but /usr/bin/chromium is missing: .ci/run should have installed it");
    }
    eprintln!("skipped: /usr/bin/chromium is not installed (apt-get install chromium)");
    None
}

/// The flags every headless run needs as root, with no network beyond loopback.
pub const FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// One Chromium and one page of it, driven over the DevTools websocket.
pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium on a fresh profile and opens one blank page, `width` × `height`.
    pub fn start(chromium: &Path, width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = StdCommand::new(chromium)
            .args(FLAGS)
            .arg("--remote-debugging-address=127.0.0.1")
            .arg("--remote-debugging-port=0")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--window-size={width},{height}"))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        // Chromium writes the port it chose and the browser endpoint's path to this file.
        let port_file = profile.path().join("DevToolsActivePort");
        let start = Instant::now();
        let (port, path) = loop {
            if let Ok(text) = fs::read_to_string(&port_file)
                && let [port, path] = text.lines().collect::<Vec<_>>()[..]
            {
                break (port.to_string(), path.to_string());
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "chromium wrote no DevToolsActivePort within 60 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let stream = TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let (ws, _) = tungstenite::client(format!("ws://127.0.0.1:{port}{path}"), stream)
            .expect("DevTools websocket handshake");
        let mut b = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            _profile: profile,
        };
        let target = b.call("Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call(
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
        b
    }

    /// Sends one command (to the page once attached) and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        match self.try_call(method, params) {
            Ok(v) => v,
            Err(e) => panic!("{method}: {e}"),
        }
    }

    /// [`Browser::call`], an error reply returned instead of failing the test (a page
    /// navigating away while it is asked something).
    pub fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.ws.send(Message::text(msg.to_string())).unwrap();
        loop {
            let reply = self.ws.read().expect("DevTools reply");
            let Message::Text(text) = reply else { continue };
            let v: Value = serde_json::from_str(text.as_str()).unwrap();
            if v["id"] == json!(id) {
                if let Some(e) = v.get("error") {
                    return Err(e.clone());
                }
                return Ok(v["result"].clone());
            }
        }
    }

    /// Loads a local file and waits until it has loaded (its inline script has run).
    pub fn open(&mut self, page: &Path) {
        let url = format!("file://{}", page.display());
        self.call("Page.navigate", json!({"url": url}));
        let start = Instant::now();
        let done = format!(
            "location.href === {} && document.readyState === 'complete'",
            serde_json::to_string(&url).unwrap()
        );
        while self.eval(&done) != json!(true) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "{}: the page's script did not run within 60 s",
                page.display()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true}),
        );
        assert!(
            r.get("exceptionDetails").is_none(),
            "{expr}: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    /// Clicks the centre of the first element `selector` matches, with real mouse events
    /// (so an element covering it, or one not on screen, gets the click instead).
    pub fn click(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let at = self.eval(&format!(
            "(function(){{var e=document.querySelector({sel}); e.scrollIntoView({{block:'center'}});\
             var r=e.getBoundingClientRect(); return [r.left+r.width/2, r.top+r.height/2];}})()"
        ));
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// Clicks into the element `selector` matches, selects what it holds and types `text`.
    pub fn type_into(&mut self, selector: &str, text: &str) {
        self.click(selector);
        let sel = serde_json::to_string(selector).unwrap();
        self.eval(&format!("document.querySelector({sel}).select()"));
        if text.is_empty() {
            // Deleting the selection fires the same `input` event a user's delete does.
            for kind in ["keyDown", "keyUp"] {
                self.call(
                    "Input.dispatchKeyEvent",
                    json!({"type": kind, "key": "Backspace", "code": "Backspace",
                           "windowsVirtualKeyCode": 8}),
                );
            }
        } else {
            self.call("Input.insertText", json!({"text": text}));
        }
    }

    /// A PNG of the whole page, for looking at.
    pub fn screenshot(&mut self, to: &Path) {
        use base64_png::decode;
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        fs::write(to, decode(r["data"].as_str().unwrap())).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Decodes base64 (a screenshot, a printed PDF).
pub fn decode_base64(s: &str) -> Vec<u8> {
    base64_png::decode(s)
}

/// Just enough base64 for a screenshot (the tests add no crate for it).
mod base64_png {
    pub fn decode(s: &str) -> Vec<u8> {
        let val = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            _ => 63,
        };
        let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').map(val).collect();
        let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
        for chunk in bytes.chunks(4) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &v)| n | (u32::from(v) << (18 - 6 * i)));
            out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
        }
        out
    }
}

/// What the page shows now: visible rows (those with a layout box), their statuses, the
/// tasks they belong to, and the "shown" counter.
const VISIBLE: &str = r#"(function () {
  var rows = [].slice.call(document.querySelectorAll(".row"));
  var vis = rows.filter(function (r) { return r.getClientRects().length > 0; });
  var tasks = {};
  vis.forEach(function (r) { tasks[r.getAttribute("data-task")] = 1; });
  // What a row shows: not its picker's options or its buttons (issue 23).
  var shownText = function (r) {
    var c = r.cloneNode(true);
    [].slice.call(c.querySelectorAll("select, button")).forEach(function (e) { e.remove(); });
    return c.textContent;
  };
  return {
    rows: vis.length,
    tasks: Object.keys(tasks).length,
    statuses: vis.map(function (r) { return r.getAttribute("data-task-status"); }),
    texts: vis.map(shownText),
    all_texts: rows.map(shownText),
    shown: document.getElementById("shown").textContent
  };
})()"#;

/// The compare page of the first gold pair, written with `-o`, and its JSON.
fn compare_page(dir: &Path) -> (PathBuf, Value) {
    let (u, l) = (
        crate::util::corpus("anhui-province-2022"),
        crate::util::corpus("chizhou-city-2021"),
    );
    let page = dir.join("compare.html");
    crate::util::bin()
        .arg("compare")
        .arg(&u)
        .arg(&l)
        .arg("-o")
        .arg(&page)
        .assert()
        .success();
    let out = crate::util::bin()
        .arg("compare")
        .arg(&u)
        .arg(&l)
        .args(["-f", "json"])
        .output()
        .unwrap();
    (page, serde_json::from_slice(&out.stdout).unwrap())
}

/// Rows each status's tasks take up: one per link of an upper task whose best link has
/// that status, one per dropped or added task.
fn rows_of_tasks_with(a: &Value, status: &str) -> usize {
    let links = a["links"].as_array().unwrap();
    match status {
        "dropped" | "added" => a[status].as_array().unwrap().len(),
        _ => a["upper"]["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let mine: Vec<&Value> = links.iter().filter(|l| l["upper"] == t["id"]).collect();
                let best = if mine.iter().any(|l| l["status"] == "carried") {
                    "carried"
                } else {
                    "reworded"
                };
                if best == status { mine.len() } else { 0 }
            })
            .sum(),
    }
}

/// Regression test for issue 15: the filter buttons and the search box hid nothing (a
/// CSS rule overrode `hidden`) and counted links, not tasks.
#[test]
fn html_filters_and_search_hide_rows_in_a_real_browser() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (page, a) = compare_page(dir.path());
    let s = &a["summary"];
    let total = s["upper_tasks"].as_u64().unwrap() + s["added"].as_u64().unwrap();
    let mut b = Browser::start(&chromium, 1400, 900);
    b.open(&page);
    assert_eq!(
        b.eval("document.body.getAttribute('data-ready')"),
        json!("1")
    );

    let all = b.eval(VISIBLE);
    assert_eq!(all["shown"], json!(total.to_string()), "tasks, not links");
    assert_eq!(all["tasks"], json!(total));
    assert_eq!(
        b.eval("document.querySelector('[data-filter=all] .count').textContent"),
        json!(total.to_string())
    );
    for status in ["carried", "reworded", "dropped", "added"] {
        let want = s[status].as_u64().unwrap();
        assert!(
            want > 0,
            "the pair has {status} tasks, so the filter can be seen to work"
        );
        let button = format!("[data-filter={status}]");
        assert_eq!(
            b.eval(&format!(
                "document.querySelector('{button} .count').textContent"
            )),
            json!(want.to_string()),
            "the {status} button counts what the summary counts"
        );
        b.click(&button);
        assert_eq!(
            b.eval(&format!(
                "document.querySelector('{button}').getAttribute('aria-pressed')"
            )),
            json!("true")
        );
        let v = b.eval(VISIBLE);
        assert_eq!(v["shown"], json!(want.to_string()), "{status}: counter");
        assert_eq!(v["tasks"], json!(want), "{status}: tasks on screen");
        assert_eq!(
            v["rows"],
            json!(rows_of_tasks_with(&a, status)),
            "{status}: rows on screen"
        );
        for st in v["statuses"].as_array().unwrap() {
            assert_eq!(
                st, status,
                "{status}: a row of another status stays on screen"
            );
        }
    }

    // Search, with every filter off: exactly the rows holding the word stay.
    b.click("[data-filter=all]");
    let word = "疫情";
    b.type_into("#search", word);
    let v = b.eval(VISIBLE);
    let holding = v["all_texts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t.as_str().unwrap().contains(word))
        .count();
    assert!(
        holding > 0 && holding < len_of(&v["all_texts"]),
        "a word some rows hold"
    );
    assert_eq!(
        v["rows"],
        json!(holding),
        "rows without {word} stay visible"
    );
    for t in v["texts"].as_array().unwrap() {
        assert!(t.as_str().unwrap().contains(word));
    }
    assert_eq!(v["shown"], json!(v["tasks"].to_string()));

    // Search and a filter together, then both cleared.
    b.click("[data-filter=dropped]");
    let v = b.eval(VISIBLE);
    for (t, st) in v["texts"]
        .as_array()
        .unwrap()
        .iter()
        .zip(v["statuses"].as_array().unwrap())
    {
        assert!(t.as_str().unwrap().contains(word));
        assert_eq!(st, "dropped");
    }
    b.type_into("#search", "");
    b.click("[data-filter=all]");
    let v = b.eval(VISIBLE);
    assert_eq!(v["tasks"], json!(total));
    assert_eq!(v["rows"], json!(len_of(&v["all_texts"])));
}

fn len_of(v: &Value) -> usize {
    v.as_array().map(Vec::len).unwrap_or(0)
}

/// The three kinds of HTML page (compare, chain, coverage) of the bundled corpus, written
/// into `dir` by the binary; returns their paths.
fn all_pages(dir: &Path) -> Vec<PathBuf> {
    let (page, _) = compare_page(dir);
    let c = |s: &str| crate::util::corpus(s);
    let chain = dir.join("chain.html");
    crate::util::bin()
        .arg("chain")
        .args([
            c("anhui-province-2022"),
            c("chizhou-city-2021"),
            c("lezhi-county-2021"),
        ])
        .arg("-o")
        .arg(&chain)
        .assert()
        .success();
    let coverage = dir.join("coverage.html");
    crate::util::bin()
        .arg("coverage")
        .arg("--corpus")
        .arg(crate::util::root().join("corpus"))
        .args(["--upper", "anhui-province-2022", "--all-below", "-o"])
        .arg(&coverage)
        .assert()
        .success();
    vec![page, chain, coverage]
}

/// Screenshots of every kind of page at 1400 px and 420 px, for looking at:
/// `SHOTS=/tmp/shots cargo test --test e2e screenshots -- --ignored`.
#[test]
#[ignore = "writes PNGs for a person to look at; asserts nothing"]
fn screenshots() {
    let Some(chromium) = chromium() else { return };
    let out = PathBuf::from(std::env::var("SHOTS").unwrap_or_else(|_| "target/shots".into()));
    fs::create_dir_all(&out).unwrap();
    for page in all_pages(&out) {
        for width in [1400, 420] {
            let mut b = Browser::start(&chromium, width, 1600);
            b.open(&page);
            let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
            b.screenshot(&out.join(format!("{stem}-{width}.png")));
        }
    }
}

/// Every table's columns inside the viewport, and no sideways scrolling of the page.
const FITS: &str = r#"(function () {
  var w = window.innerWidth, out = [];
  if (document.documentElement.scrollWidth > w) {
    out.push("page is " + document.documentElement.scrollWidth + " px wide");
  }
  [].slice.call(document.querySelectorAll("table")).forEach(function (t) {
    var row = t.querySelector("tr");
    var cells = [].slice.call(row.children).filter(function (c) { return c.getClientRects().length > 0; });
    var last = cells[cells.length - 1];
    var right = last.getBoundingClientRect().right;
    if (right > w + 0.5) { out.push((t.className || "table") + " column " + cells.length + " ends at " + right); }
  });
  return out;
})()"#;

/// Regression test for issue 15: at phone width the compare summary cut off its last
/// columns and the coverage heatmap showed two of four localities.
#[test]
fn html_pages_fit_a_phone_and_a_desktop() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let pages = all_pages(dir.path());
    for width in [420, 1400] {
        let mut b = Browser::start(&chromium, width, 900);
        for page in &pages {
            b.open(page);
            assert_eq!(b.eval(FITS), json!([]), "{} at {width} px", page.display());
        }
    }
}
