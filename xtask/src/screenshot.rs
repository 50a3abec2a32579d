//! `cargo xtask screenshot PAGE.html [OUT.png]`: a picture page (`--format html` or
//! `svg`) photographed by a headless browser, to check by eye how a real browser draws
//! it. It looks for Chromium or Chrome, then Firefox, on `PATH` (or takes the program
//! `$BROWSER` names), and says so plainly, with exit status 3, when there is none.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The browsers tried, in order, and how each takes a screenshot.
const BROWSERS: [(&str, Kind); 5] = [
    ("chromium", Kind::Chromium),
    ("chromium-browser", Kind::Chromium),
    ("google-chrome", Kind::Chromium),
    ("google-chrome-stable", Kind::Chromium),
    ("firefox", Kind::Firefox),
];

/// Exit status when no browser is found.
pub const NO_BROWSER: u8 = 3;

/// How a browser is asked for a screenshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `--headless --screenshot=OUT --window-size=W,H URL`.
    Chromium,
    /// `--headless --screenshot OUT --window-size W,H URL`.
    Firefox,
}

/// The first browser of [`BROWSERS`] found in the directories of `path` (a `PATH`
/// value), or the program `browser` names (a `$BROWSER` value), whose kind is guessed
/// from its name.
pub fn find(path: Option<&OsString>, browser: Option<&OsString>) -> Option<(PathBuf, Kind)> {
    if let Some(b) = browser.filter(|b| !b.is_empty()) {
        let name = Path::new(b)
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let kind = if name.contains("firefox") {
            Kind::Firefox
        } else {
            Kind::Chromium
        };
        return Some((PathBuf::from(b), kind));
    }
    let dirs: Vec<PathBuf> = std::env::split_paths(path?).collect();
    BROWSERS.iter().find_map(|(name, kind)| {
        dirs.iter()
            .map(|d| d.join(name))
            .find(|p| p.is_file())
            .map(|p| (p, *kind))
    })
}

/// The arguments that make `kind` photograph `url` into `out` at `width` × `height`.
pub fn arguments(kind: Kind, url: &str, out: &Path, width: u32, height: u32) -> Vec<OsString> {
    let mut args: Vec<OsString> = Vec::new();
    match kind {
        Kind::Chromium => {
            args.push("--headless".into());
            // Root (as in containers and CI) cannot use Chromium's sandbox.
            args.push("--no-sandbox".into());
            args.push("--disable-gpu".into());
            args.push("--hide-scrollbars".into());
            let mut shot = OsString::from("--screenshot=");
            shot.push(out);
            args.push(shot);
            args.push(format!("--window-size={width},{height}").into());
        }
        Kind::Firefox => {
            args.push("--headless".into());
            args.push("--screenshot".into());
            args.push(out.into());
            args.push("--window-size".into());
            args.push(format!("{width},{height}").into());
        }
    }
    args.push(url.into());
    args
}

/// The height of the page to photograph: the sum of its figures' heights, from their
/// `height="…"` attributes, plus room for the headings and tables; at least 800.
fn page_height(text: &str) -> u32 {
    let mut total = 0.0;
    for part in text.split("<svg xmlns=").skip(1) {
        if let Some(h) = part
            .split("height=\"")
            .nth(1)
            .and_then(|h| h.split('"').next())
            .and_then(|h| h.parse::<f64>().ok())
        {
            total += h + 120.0;
        }
    }
    // Table rows wrap where a stop's message is long: room for two lines each.
    let rows = text.matches("<tr").count() as f64 * 30.0;
    ((total + rows + 100.0) as u32).clamp(800, 16_000)
}

/// Runs the screenshot; `args` are what follows `screenshot`.
pub fn main(args: &[OsString]) -> ExitCode {
    let (page, out) = match args {
        [page] => (
            PathBuf::from(page),
            PathBuf::from(page).with_extension("png"),
        ),
        [page, out] => (PathBuf::from(page), PathBuf::from(out)),
        _ => {
            eprintln!(
                "usage: cargo xtask screenshot PAGE.html [OUT.png]\n\
                 (make the page with: cargo xtask run 2.6.12 FILE --format html > PAGE.html)"
            );
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&page) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", page.display());
            return ExitCode::from(2);
        }
    };
    let Some((browser, kind)) = find(
        std::env::var_os("PATH").as_ref(),
        std::env::var_os("BROWSER").as_ref(),
    ) else {
        eprintln!(
            "no headless browser found: looked for {} on PATH, and BROWSER is not set.\n\
             Install one (Debian: apt-get install chromium) or name it with BROWSER=/path/to/it;\n\
             the page itself needs no browser to be made, and opens in any browser as it is.",
            BROWSERS.map(|b| b.0).join(", ")
        );
        return ExitCode::from(NO_BROWSER);
    };
    let absolute = match std::fs::canonicalize(&page) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {}: {e}", page.display());
            return ExitCode::from(2);
        }
    };
    let out_abs = if out.is_absolute() {
        out.clone()
    } else {
        std::env::current_dir().unwrap_or_default().join(&out)
    };
    let url = format!("file://{}", absolute.display());
    let args = arguments(kind, &url, &out_abs, 1200, page_height(&text));
    eprintln!(
        "{} {}",
        browser.display(),
        args.iter()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    match Command::new(&browser).args(&args).status() {
        Ok(s) if s.success() && out_abs.is_file() => {
            eprintln!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Ok(s) => {
            eprintln!(
                "error: {} ended with {s} and wrote no {}",
                browser.display(),
                out.display()
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: cannot start {}: {e}", browser.display());
            ExitCode::from(NO_BROWSER)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_browser_on_an_empty_path() {
        let empty = OsString::from("");
        assert_eq!(find(Some(&empty), None), None);
        assert_eq!(find(None, None), None);
    }

    #[test]
    fn browser_names_the_program_and_its_kind() {
        let b = OsString::from("/opt/firefox/firefox");
        assert_eq!(
            find(None, Some(&b)),
            Some((PathBuf::from("/opt/firefox/firefox"), Kind::Firefox))
        );
    }

    #[test]
    fn a_browser_is_found_on_the_path() {
        let dir = std::env::temp_dir().join(format!("xtask-shot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("firefox"), "").unwrap();
        let path = std::env::join_paths([&dir]).unwrap();
        assert_eq!(
            find(Some(&path), None),
            Some((dir.join("firefox"), Kind::Firefox))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn chromium_is_asked_for_a_screenshot_of_the_url() {
        let args = arguments(
            Kind::Chromium,
            "file:///p.html",
            Path::new("/o.png"),
            1200,
            900,
        );
        let args: Vec<String> = args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            args,
            [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--screenshot=/o.png",
                "--window-size=1200,900",
                "file:///p.html"
            ]
        );
    }

    #[test]
    fn the_page_height_follows_its_figures() {
        let page = "<svg xmlns=\"x\" width=\"1108\" height=\"2000\"></svg><tr><tr>";
        assert_eq!(page_height(page), 2000 + 120 + 60 + 100);
        assert_eq!(page_height(""), 800);
    }
}
