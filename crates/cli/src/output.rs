//! The output options every command takes (`--color`, `--format`, `--width`), and the
//! one place that writes: buffered standard output, errors on standard error (or as a
//! JSON object on standard output under `--format json`), and closed pipes taken in
//! their stride.

use crate::diagnostics;
use crate::exit;
use bootmem_history::diff_text::Style;
use bootmem_history::Error;
use serde::Serialize;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text.
    Text,
    /// JSON, for tools (docs/json.md).
    Json,
    /// A self-contained HTML page with pictures of the nodes' memory (run, diff and
    /// bisect; docs/pictures.md).
    Html,
    /// The same pictures as one SVG document.
    Svg,
}

impl Format {
    /// The picture form this format asks for, if it asks for one.
    pub fn picture(self) -> Option<bootmem_history::picture::Form> {
        match self {
            Format::Html => Some(bootmem_history::picture::Form::Html),
            Format::Svg => Some(bootmem_history::picture::Form::Svg),
            Format::Text | Format::Json => None,
        }
    }
}

/// When to colour text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// When the output is a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The options every command takes, before or after its name.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArgs {
    /// When to colour the text.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,
    /// Columns to fit the text to [default: the terminal's width, else $COLUMNS, else 80].
    #[arg(long, value_name = "COLUMNS", global = true, value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,
}

/// Where and how a command prints.
pub struct Output {
    /// The format asked for.
    pub format: Format,
    /// The paint and width of text on standard output.
    pub style: Style,
    stdout_choice: anstream::ColorChoice,
    stderr_choice: anstream::ColorChoice,
}

/// Resolves `--color` for one stream: `auto` asks anstream, which reads NO_COLOR,
/// CLICOLOR_FORCE, CLICOLOR and TERM and whether the stream is a terminal.
fn choice<S: anstream::stream::RawStream>(when: ColorWhen, stream: &S) -> anstream::ColorChoice {
    match when {
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
        ColorWhen::Auto => anstream::AutoStream::choice(stream),
    }
}

/// The columns text is fitted to: `--width`, else the terminal's, else `COLUMNS`, else
/// 80.
pub fn width(asked: Option<u16>) -> usize {
    if let Some(w) = asked {
        return usize::from(w);
    }
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&stdout) {
            return usize::from(w).max(40);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c >= 40)
        .unwrap_or(80)
}

impl Output {
    /// The output the options ask for.
    pub fn new(args: &OutputArgs) -> Output {
        let stdout_choice = choice(args.color, &std::io::stdout());
        let stderr_choice = choice(args.color, &std::io::stderr());
        Output {
            format: args.format,
            style: Style {
                color: stdout_choice != anstream::ColorChoice::Never,
                width: width(args.width),
            },
            stdout_choice,
            stderr_choice,
        }
    }

    /// Writes `bytes` to standard output through one buffer, stripping colour where
    /// the choice says so. A closed pipe (`| head`) ends the output quietly.
    fn write_stdout(&self, bytes: &[u8]) -> Result<(), ExitCode> {
        let lock = std::io::stdout().lock();
        let buffered: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(1 << 16, lock));
        // Bytes without an escape have nothing to strip: they skip anstream's parser,
        // which was a sixth of a JSON run's time.
        let mut out: Box<dyn Write> = if bytes.contains(&0x1b) {
            Box::new(anstream::AutoStream::new(buffered, self.stdout_choice))
        } else {
            buffered
        };
        written(out.write_all(bytes).and_then(|()| out.flush()))
    }

    /// A heading, bold where colour is on.
    pub fn style_head(&self, s: &str) -> String {
        if self.style.color {
            let bold = anstyle::Style::new().bold();
            format!("{}{s}{}", bold.render(), bold.render_reset())
        } else {
            s.to_string()
        }
    }

    /// Prints bytes as they are (completions, the man page); exits 0 or 2.
    pub fn raw(&self, bytes: &[u8]) -> ExitCode {
        match self.write_stdout(bytes) {
            Ok(()) => exit::code(exit::SUCCESS),
            Err(code) => code,
        }
    }

    /// Prints pictures as one document of the form `--format` names (the caller has
    /// checked that it names one). `Err` carries the exit code of an output that could
    /// not be written.
    pub fn pictures(&self, figures: &[bootmem_history::picture::Figure]) -> Result<(), ExitCode> {
        let form = self
            .format
            .picture()
            .unwrap_or(bootmem_history::picture::Form::Html);
        self.write_stdout(bootmem_history::picture::document(form, figures).as_bytes())
    }

    /// Prints a result: text as it is, or a value as pretty JSON. `Err` carries the
    /// exit code of an output that could not be written; a command that has no picture
    /// refuses `--format html` and `svg` with a usage error.
    pub fn print<T: Serialize>(
        &self,
        text: impl FnOnce() -> String,
        json: impl FnOnce() -> T,
    ) -> Result<(), ExitCode> {
        self.print_with(text, |out| bootmem_history::json::write_value(&json(), out))
    }

    /// As [`Output::print`], with the JSON written by `write` (which writes the
    /// newline at its end too).
    pub fn print_with(
        &self,
        text: impl FnOnce() -> String,
        write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
    ) -> Result<(), ExitCode> {
        match self.format {
            Format::Html | Format::Svg => {
                eprint(
                    "error: only run, diff with two releases and files, and bisect draw \
                     pictures; use --format text or json here\n",
                );
                Err(exit::code(exit::USAGE))
            }
            Format::Text => self.write_stdout(text().as_bytes()),
            Format::Json => {
                // Serialised straight into the buffered standard output: a trace of
                // thousands of calls is megabytes that a buffer of its own would
                // only copy. JSON escapes every control byte, so there is no colour
                // to strip either.
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                written(write(&mut out).and_then(|()| out.flush()))
            }
        }
    }

    /// Says on standard error, in the text format, why a release name the user gave
    /// runs another release's text: a stable release whose text no repository
    /// publishes (`versions::alias_basis`). JSON output stays as it is.
    pub fn note_alias(&self, asked: &str) {
        if self.format != Format::Text {
            return;
        }
        if let Some(basis) = bootmem_history::versions::alias_basis(asked) {
            let options = textwrap::Options::new(self.style.width).subsequent_indent("      ");
            eprint(&format!(
                "{}\n",
                textwrap::fill(&format!("note: {basis}"), options)
            ));
        }
    }

    /// Reports problems that did not stop the others' results from printing: on
    /// standard error as diagnostics (text only; under JSON [`Output::fail`] is used).
    pub fn warn(&self, problems: &[Problem]) {
        let text: String = problems
            .iter()
            .map(|p| {
                diagnostics::render(
                    p,
                    self.stderr_choice != anstream::ColorChoice::Never,
                    self.style.width,
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut err = anstream::AutoStream::new(std::io::stderr(), self.stderr_choice);
        let _ = err.write_all(text.as_bytes());
    }

    /// Reports problems and gives exit status 2: as diagnostics on standard error, or
    /// under `--format json` as `{"errors": […]}` on standard output.
    pub fn fail(&self, problems: Vec<Problem>) -> ExitCode {
        match self.format {
            Format::Text | Format::Html | Format::Svg => self.warn(&problems),
            Format::Json => {
                let errors = ErrorsJson {
                    errors: problems.iter().flat_map(Problem::json).collect(),
                };
                let _ = self.print(String::new, || errors);
            }
        }
        exit::code(exit::USAGE)
    }
}

/// Writes to standard error, ignoring a closed stream: an error message has nowhere
/// else to go.
pub fn eprint(text: &str) {
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Something the command could not do: a library error with the text it concerns
/// (to show its lines), or a usage error.
#[derive(Debug, Clone)]
pub enum Problem {
    /// From the library; `text` is the scenario's text, where there is one.
    Library {
        /// The error.
        error: Error,
        /// The scenario text it is located in.
        text: Option<std::sync::Arc<str>>,
    },
    /// A usage error, in a sentence.
    Usage(String),
}

impl Problem {
    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Problem {
        Problem::Usage(message.into())
    }

    /// A library error that no scenario text goes with.
    pub fn plain(error: Error) -> Problem {
        Problem::Library { error, text: None }
    }

    /// The problem as JSON error objects (a parse error gives one per bad line).
    fn json(&self) -> Vec<ErrorJson> {
        let one = |kind: &'static str, message: String| ErrorJson {
            kind,
            message,
            file: None,
            line: None,
            column: None,
            end_column: None,
        };
        match self {
            Problem::Usage(m) => vec![one("usage", m.clone())],
            Problem::Library { error, .. } => match error {
                Error::Parse(list) => list
                    .0
                    .iter()
                    .map(|e| {
                        let (start, end) = diagnostics::token(&e.source_line, e.column);
                        ErrorJson {
                            kind: "parse",
                            message: e.message.clone(),
                            file: Some(e.file.clone()),
                            line: Some(e.line),
                            column: Some(e.column),
                            end_column: Some(
                                e.column + e.source_line[start..end].chars().count().max(1),
                            ),
                        }
                    })
                    .collect(),
                Error::TooLarge(t) => vec![ErrorJson {
                    file: Some(t.file.clone()),
                    line: Some(t.line),
                    ..one("too_large", t.reason())
                }],
                Error::UnknownRelease(_) => vec![one("unknown_release", error.to_string())],
                Error::NoCall(n) => vec![ErrorJson {
                    file: Some(n.file.clone()),
                    line: Some(n.line),
                    column: Some(1),
                    ..one("no_call", n.reason())
                }],
                Error::Io { path, error: e } => vec![ErrorJson {
                    file: Some(path.display().to_string()),
                    ..one("io", e.to_string())
                }],
            },
        }
    }
}

/// The JSON form of a failure.
#[derive(Serialize)]
struct ErrorsJson {
    errors: Vec<ErrorJson>,
}

/// One error as JSON.
#[derive(Serialize)]
struct ErrorJson {
    /// `usage`, `parse`, `too_large`, `unknown_release`, `no_call` or `io`.
    kind: &'static str,
    /// What went wrong, in a sentence.
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    /// 1-based, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    /// The column after the bad token.
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

/// Reports a clap error: help and `--version` print and exit 0; a usage error prints
/// clap's message (with its "did you mean" and usage line) and exits 2, or under
/// `--format json` anywhere on the line prints the error object.
pub fn usage_error(e: clap::Error, args: &[OsString]) -> ExitCode {
    // Help and the version go to standard output and are not errors.
    if !e.use_stderr() {
        let _ = e.print();
        return exit::code(exit::SUCCESS);
    }
    let json = args
        .windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || args.iter().any(|a| a == "--format=json");
    if json {
        let out = Output {
            format: Format::Json,
            style: Style::PLAIN,
            stdout_choice: anstream::ColorChoice::Never,
            stderr_choice: anstream::ColorChoice::Never,
        };
        return out.fail(vec![Problem::usage(message(&e))]);
    }
    let _ = e.print();
    exit::code(exit::USAGE)
}

/// A clap error's message without its `error: ` prefix, its lines joined.
fn message(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let text = text.trim().strip_prefix("error: ").unwrap_or(text.trim());
    // The usage lines after the message say nothing a tool needs.
    text.lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:"))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The end of writing to standard output: a reader that closed the pipe early has what
/// it wanted; any other error is reported, with exit status 2.
fn written(result: std::io::Result<()>) -> Result<(), ExitCode> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprint(&format!("error: cannot write the output: {e}\n"));
            Err(exit::code(exit::USAGE))
        }
    }
}
