//! The release's own C, read from a kernel tree the user brings (`--source DIR`): a git
//! clone of `linux-history` or `linux-2.6` (bare or not), or an unpacked release
//! tarball. The project holds no kernel text; this module reads it at run time, and
//! only to show the lines a trace points at.
//!
//! A clone is read from its objects with no checkout, by running the `git` command
//! (`git rev-parse` to find a release's tree, `git cat-file` to read a file,
//! `git show` for a commit's hunk); an unpacked tree is read from its files. Every
//! read is capped ([`MAX_FILE_BYTES`], [`MAX_TREE_BYTES`]).
//!
//! - [`c`]: just enough of C's lexical structure to find functions, macros and the
//!   `printk()`/`panic()` calls whose format matches a logged line.
//! - [`places`]: where each marked code path lies in a release's files.
//! - [`view`]: the lines of C a trace, a comparison or a bisection points at, rendered.

pub mod c;
pub mod places;
mod tests;
pub mod view;

use bootmem_core::Release;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::rc::Rc;

/// The environment variable that names a source tree when `--source` does not.
pub const SOURCE_VARIABLE: &str = "BOOTMEM_HISTORY_SOURCE";

/// The most bytes read of one file: the largest file read (`mm/page_alloc.c`) is under
/// 100 KiB in every covered release.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// The most bytes read from one tree over a whole command: a bisection reads
/// `mm/bootmem.c` of every release and a few other files.
pub const MAX_TREE_BYTES: u64 = 32 << 20;

/// The most bytes of one commit's patch read from `git show`.
pub const MAX_PATCH_BYTES: u64 = 256 << 10;

/// Releases that a tree holds as a commit and not as a tag, with the commit's id:
/// `linux-history` has no `v2.6.11` tag, only the commit "Linux 2.6.11"
/// (see `kernel-sources.md`).
const RELEASE_COMMITS: &[(&str, &str)] = &[("2.6.11", "1274fcd685ec15f10261f48dc990367c2180d589")];

/// What went wrong reading the tree, said so that the user can act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The directory is neither a clone nor an unpacked tree.
    NotATree(PathBuf),
    /// The tree is a clone, and no `git` command can be run.
    NoGit(String),
    /// The tree has no ref for the release.
    NoRelease {
        /// The release.
        release: String,
        /// The refs tried, in order.
        tried: Vec<String>,
    },
    /// The release's tree has no such file.
    NoFile {
        /// The release.
        release: String,
        /// The file.
        file: String,
    },
    /// A file or patch larger than the cap.
    TooLarge {
        /// What was read.
        what: String,
        /// The cap.
        cap: u64,
    },
    /// The command has read as much of the tree as it may.
    TreeCap,
    /// Reading failed.
    Io(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotATree(p) => write!(
                f,
                "{} is neither a git clone (no .git, no HEAD with objects) nor an unpacked \
                 kernel tree (no mm/bootmem.c)",
                p.display()
            ),
            Problem::NoGit(e) => write!(
                f,
                "the source tree is a git clone, and git could not be run ({e}); install \
                 git, or give an unpacked release tarball"
            ),
            Problem::NoRelease { release, tried } => write!(
                f,
                "the source tree does not hold {release} (no {})",
                tried.join(", no ")
            ),
            Problem::NoFile { release, file } => {
                write!(f, "{release}'s tree in the source has no {file}")
            }
            Problem::TooLarge { what, cap } => {
                write!(f, "{what} is larger than {cap} bytes; not read")
            }
            Problem::TreeCap => write!(
                f,
                "{MAX_TREE_BYTES} bytes read from the source tree; no more is read in one command"
            ),
            Problem::Io(e) => f.write_str(e),
        }
    }
}

/// How the tree is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A git repository, by its git directory.
    Git(PathBuf),
    /// An unpacked tree, with the version its Makefile names (`2.6.12`, `2.6.11.7`,
    /// `2.6.13-rc1`), when it names one.
    Unpacked(Option<String>),
}

/// What reading something from the tree gave.
type Outcome<T> = Result<T, Problem>;

/// The files read, by release and path.
type Files = HashMap<(String, String), Outcome<Rc<SourceFile>>>;

/// One file of one release, as read from the tree.
#[derive(Debug)]
pub struct SourceFile {
    /// The path in the tree, e.g. `mm/bootmem.c`.
    pub path: String,
    /// Where it was read: `v2.6.12:mm/bootmem.c`, or the file's path on disk.
    pub origin: String,
    /// The text, lossily decoded.
    pub text: c::CText,
    /// For an unpacked tree whose Makefile names another version: what it names.
    pub mismatch: Option<String>,
}

/// The user's kernel tree, with what has been read from it.
pub struct SourceTree {
    /// The directory given.
    pub dir: PathBuf,
    /// How it is stored.
    pub kind: Kind,
    read: RefCell<u64>,
    files: RefCell<Files>,
    trees: RefCell<HashMap<String, Outcome<String>>>,
}

impl fmt::Debug for SourceTree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceTree")
            .field("dir", &self.dir)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl SourceTree {
    /// Opens `dir`: a clone when it has `.git` (a directory or a `gitdir:` file), a
    /// bare clone when it has `HEAD` and `objects`, an unpacked tree when it has
    /// `mm/bootmem.c`. The git directory is always named to git explicitly, so a
    /// tarball unpacked inside some other repository is never read as that repository.
    pub fn open(dir: &Path) -> Result<SourceTree, Problem> {
        let kind = if dir.join(".git").exists() {
            Kind::Git(dir.join(".git"))
        } else if dir.join("HEAD").is_file() && dir.join("objects").is_dir() {
            Kind::Git(dir.to_path_buf())
        } else if dir.join("mm").join("bootmem.c").is_file() {
            Kind::Unpacked(makefile_version(dir))
        } else {
            return Err(Problem::NotATree(dir.to_path_buf()));
        };
        let tree = SourceTree {
            dir: dir.to_path_buf(),
            kind,
            read: RefCell::new(0),
            files: RefCell::new(HashMap::new()),
            trees: RefCell::new(HashMap::new()),
        };
        if let Kind::Git(_) = tree.kind {
            tree.git(&["--version"], 1024)?;
        }
        Ok(tree)
    }

    /// A short name of the tree for headings.
    pub fn describe(&self) -> String {
        match &self.kind {
            Kind::Git(_) => format!("git clone {}", self.dir.display()),
            Kind::Unpacked(Some(v)) => {
                format!("unpacked tree {} (Linux {v})", self.dir.display())
            }
            Kind::Unpacked(None) => format!("unpacked tree {}", self.dir.display()),
        }
    }

    /// `path` as `release` has it, read once and kept.
    pub fn file(&self, release: &Release, path: &str) -> Result<Rc<SourceFile>, Problem> {
        let key = (release.name.to_string(), path.to_string());
        if let Some(done) = self.files.borrow().get(&key) {
            return done.clone();
        }
        let read = self.read_file(release, path).map(Rc::new);
        self.files.borrow_mut().insert(key, read.clone());
        read
    }

    fn read_file(&self, release: &Release, path: &str) -> Result<SourceFile, Problem> {
        match &self.kind {
            Kind::Unpacked(version) => {
                let on_disk = self.dir.join(path);
                let mut f = std::fs::File::open(&on_disk).map_err(|_| Problem::NoFile {
                    release: release.name.to_string(),
                    file: path.to_string(),
                })?;
                let mut bytes = Vec::new();
                (&mut f)
                    .take(MAX_FILE_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| Problem::Io(format!("{}: {e}", on_disk.display())))?;
                self.charge(&bytes, &on_disk.display().to_string(), MAX_FILE_BYTES)?;
                let mismatch = version
                    .as_ref()
                    .filter(|v| !names_release(v, release))
                    .cloned();
                Ok(SourceFile {
                    path: path.to_string(),
                    origin: on_disk.display().to_string(),
                    text: c::CText::new(&String::from_utf8_lossy(&bytes)),
                    mismatch,
                })
            }
            Kind::Git(_) => {
                let tree = self.tree_of(release)?;
                let object = format!("{tree}:{path}");
                let (ok, _) = self.git_status(&["cat-file", "-e", &object])?;
                if !ok {
                    return Err(Problem::NoFile {
                        release: release.name.to_string(),
                        file: path.to_string(),
                    });
                }
                let bytes = self.git(&["cat-file", "blob", &object], MAX_FILE_BYTES)?;
                let origin = format!("{}:{path}", self.ref_name(release));
                Ok(SourceFile {
                    path: path.to_string(),
                    origin,
                    text: c::CText::new(&String::from_utf8_lossy(&bytes)),
                    mismatch: None,
                })
            }
        }
    }

    /// The ref by which the tree holds `release`, for headings (after [`Self::file`]).
    fn ref_name(&self, release: &Release) -> String {
        refs_of(release.name)
            .into_iter()
            .find(|r| {
                self.trees
                    .borrow()
                    .get(&format!("{}\0{r}", release.name))
                    .is_some_and(Result::is_ok)
            })
            .unwrap_or_else(|| release.name.to_string())
    }

    /// The tree object of `release`: the first of its refs that the clone holds.
    fn tree_of(&self, release: &Release) -> Result<String, Problem> {
        let tried = refs_of(release.name);
        for r in &tried {
            let key = format!("{}\0{r}", release.name);
            if let Some(Ok(t)) = self.trees.borrow().get(&key) {
                return Ok(t.clone());
            }
            let spec = format!("{r}^{{tree}}");
            let (ok, out) = self.git_status(&["rev-parse", "--verify", "--quiet", &spec])?;
            if ok {
                let id = String::from_utf8_lossy(&out).trim().to_string();
                self.trees.borrow_mut().insert(key, Ok(id.clone()));
                return Ok(id);
            }
        }
        Err(Problem::NoRelease {
            release: release.name.to_string(),
            tried,
        })
    }

    /// The patch `commit` made to `paths`, when the tree is a clone that has the
    /// commit; `Ok(None)` when it does not.
    pub fn patch(&self, commit: &str, paths: &[&str]) -> Result<Option<String>, Problem> {
        if !matches!(self.kind, Kind::Git(_)) {
            return Ok(None);
        }
        let spec = format!("{commit}^{{commit}}");
        let (has, _) = self.git_status(&["cat-file", "-e", &spec])?;
        if !has {
            return Ok(None);
        }
        let mut args = vec![
            "show",
            "--no-color",
            "--no-ext-diff",
            "--format=",
            commit,
            "--",
        ];
        args.extend_from_slice(paths);
        let out = self.git(&args, MAX_PATCH_BYTES)?;
        Ok(Some(String::from_utf8_lossy(&out).into_owned()))
    }

    /// Counts `bytes` against the tree's cap, refusing a read past `cap`.
    fn charge(&self, bytes: &[u8], what: &str, cap: u64) -> Result<(), Problem> {
        let n = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if n > cap {
            return Err(Problem::TooLarge {
                what: what.to_string(),
                cap,
            });
        }
        let mut read = self.read.borrow_mut();
        *read = read.saturating_add(n);
        if *read > MAX_TREE_BYTES {
            return Err(Problem::TreeCap);
        }
        Ok(())
    }

    fn git_dir(&self) -> &Path {
        match &self.kind {
            Kind::Git(g) => g,
            Kind::Unpacked(_) => &self.dir,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("git");
        c.arg("--git-dir")
            .arg(self.git_dir())
            .args(args)
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(Stdio::null())
            .stderr(Stdio::null());
        c
    }

    /// Runs git for its status and (small) output.
    fn git_status(&self, args: &[&str]) -> Result<(bool, Vec<u8>), Problem> {
        let out = self
            .command(args)
            .output()
            .map_err(|e| Problem::NoGit(e.to_string()))?;
        Ok((out.status.success(), out.stdout))
    }

    /// Runs git and reads at most `cap` bytes of what it prints; more is refused.
    fn git(&self, args: &[&str], cap: u64) -> Result<Vec<u8>, Problem> {
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| Problem::NoGit(e.to_string()))?;
        let mut bytes = Vec::new();
        let read = match child.stdout.take() {
            Some(out) => out.take(cap + 1).read_to_end(&mut bytes),
            None => Ok(0),
        };
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > cap {
            // The rest is not wanted; the child is ours to end.
            let _ = child.kill();
        }
        let status = child.wait().map_err(|e| Problem::Io(e.to_string()))?;
        read.map_err(|e| Problem::Io(format!("git {}: {e}", args.join(" "))))?;
        let what = format!("git {}", args.join(" "));
        self.charge(&bytes, &what, cap)?;
        if !status.success() {
            return Err(Problem::Io(format!("{what} failed ({status})")));
        }
        Ok(bytes)
    }
}

/// The refs under which a clone may hold `release`: the `linux-history` tag (`2.4.0`
/// and `v2.5.68` styles both), then a commit where the tree has no tag.
pub fn refs_of(release: &str) -> Vec<String> {
    let mut refs = if release.starts_with("2.4") {
        vec![release.to_string(), format!("v{release}")]
    } else {
        vec![format!("v{release}"), release.to_string()]
    };
    refs.extend(
        RELEASE_COMMITS
            .iter()
            .filter(|(r, _)| *r == release)
            .map(|(_, c)| (*c).to_string()),
    );
    refs
}

/// Whether an unpacked tree of `version` holds `release`'s text: the release itself or
/// one of the names whose text is identical.
fn names_release(version: &str, release: &Release) -> bool {
    version == release.name || release.aliases.contains(&version)
}

/// The version the top Makefile of `dir` names (`VERSION`, `PATCHLEVEL`, `SUBLEVEL`,
/// `EXTRAVERSION`), from its first lines.
fn makefile_version(dir: &Path) -> Option<String> {
    let mut bytes = Vec::new();
    std::fs::File::open(dir.join("Makefile"))
        .ok()?
        .take(4096)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let get = |key: &str| -> Option<String> {
        text.lines().find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().to_string())
        })
    };
    let (v, p, s) = (get("VERSION")?, get("PATCHLEVEL")?, get("SUBLEVEL")?);
    let extra = get("EXTRAVERSION").unwrap_or_default();
    Some(format!("{v}.{p}.{s}{extra}"))
}
