//! Save files on disk: reading with every check, atomic writing, autosaves, the save folder.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

use super::format::{FORMAT, Save, SaveError};

/// The extension of save files.
pub const EXTENSION: &str = "sav";

/// How many autosaves are kept (the newest is `autosave-1.sav`).
pub const AUTOSAVES_KEPT: usize = 3;

/// A save larger than this is refused unread: even a 500-turn game is far smaller.
pub const MAX_SAVE_BYTES: u64 = 64 * 1024 * 1024;

/// How deeply a save's values may nest; the format needs far less, and a hostile file must
/// not exhaust the stack.
const RECURSION_LIMIT: usize = 64;

/// The environment variable that moves the save folder.
pub const SAVE_DIR_VAR: &str = "EUPHRATES_SAVE_DIR";

/// The folder saves go to: `$EUPHRATES_SAVE_DIR` if set, else the platform's data folder
/// (`~/.local/share/euphrates/saves` on Linux), else `saves` in the working folder.
pub fn default_dir() -> PathBuf {
    if let Some(d) = std::env::var_os(SAVE_DIR_VAR).filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    directories::ProjectDirs::from("", "", "euphrates")
        .map(|p| p.data_dir().join("saves"))
        .unwrap_or_else(|| PathBuf::from("saves"))
}

/// Just enough of a file to tell a save (and its version) from anything else.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    euphrates_save: Option<u32>,
    /// Levels have a `format` field and a `map`: say so if one is given as a save.
    #[serde(default)]
    map: Option<serde::de::IgnoredAny>,
}

fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

/// Reads and parses a save file, with a clear error for each way it can be wrong.
pub fn read(path: &Path) -> Result<Save, SaveError> {
    let shown = path.display();
    let meta =
        std::fs::metadata(path).map_err(|e| SaveError::Unreadable(format!("{shown}: {e}")))?;
    if meta.is_dir() {
        return Err(SaveError::Unreadable(format!(
            "{shown} is a folder, not a save file"
        )));
    }
    let file =
        std::fs::File::open(path).map_err(|e| SaveError::Unreadable(format!("{shown}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_SAVE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SaveError::Unreadable(format!("{shown}: {e}")))?;
    if bytes.len() as u64 > MAX_SAVE_BYTES {
        return Err(SaveError::NotASave(format!(
            "{shown} is larger than {} MiB",
            MAX_SAVE_BYTES >> 20
        )));
    }
    parse(&shown.to_string(), &bytes)
}

/// Parses a save from its bytes; `name` names it in messages.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Save, SaveError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SaveError::Damaged(format!("{name} is empty")));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        SaveError::NotASave(format!(
            "{name} is not text (bad byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    // Levels leave out `Some(…)`; reading the header as a level would be read lets a level
    // given as a save be recognised as one.
    let header: Result<Header, _> = options()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text);
    match header {
        Ok(Header {
            euphrates_save: Some(v),
            ..
        }) if v > FORMAT => return Err(SaveError::TooNew { found: v }),
        Ok(Header {
            euphrates_save: Some(v),
            ..
        }) if (1..FORMAT).contains(&v) => return Err(SaveError::TooOld { found: v }),
        Ok(Header {
            euphrates_save: Some(v),
            ..
        }) if v < FORMAT => {
            return Err(SaveError::NotASave(format!(
                "{name} has save format {v}, which no version of the game wrote"
            )));
        }
        Ok(Header {
            euphrates_save: None,
            map: Some(_),
        }) => {
            return Err(SaveError::NotASave(format!(
                "{name} looks like a level file\n    hint: start a game on it with --level"
            )));
        }
        Ok(Header {
            euphrates_save: None,
            ..
        }) => {
            return Err(SaveError::NotASave(format!(
                "{name} has no `euphrates_save` version field"
            )));
        }
        Ok(_) => {}
        // A cut or garbled file fails here too; the full parse below says where.
        Err(_) if text.trim_start().starts_with("(") || text.contains("euphrates_save") => {}
        Err(e) => {
            return Err(SaveError::NotASave(format!(
                "{name} is not a saved game ({}:{}: {})",
                e.span.start.line, e.span.start.col, e.code
            )));
        }
    }
    let save: Save = options().from_str(text).map_err(|e| {
        SaveError::Damaged(format!(
            "{name}:{}:{}: {}",
            e.span.start.line.max(1),
            e.span.start.col.max(1),
            e.code
        ))
    })?;
    check_consistent(name, &save)?;
    Ok(save)
}

/// Checks what can be checked without the level: indices in order and within the log.
fn check_consistent(name: &str, save: &Save) -> Result<(), SaveError> {
    let n = save.commands.len();
    let bad = |m: String| Err(SaveError::Damaged(format!("{name}: {m}")));
    if save.turns == 0 {
        return bad("the game lasts 0 turns".into());
    }
    let mut last = 0;
    for t in &save.turn_starts {
        if (t.command as usize) > n || t.command < last {
            return bad(format!(
                "a turn start points at command #{} of {n}",
                t.command
            ));
        }
        last = t.command;
    }
    let mut last = 0;
    for s in &save.snapshots {
        if (s.after as usize) > n || s.after < last {
            return bad(format!("a snapshot points at command #{} of {n}", s.after));
        }
        last = s.after;
    }
    Ok(())
}

/// Writes a save atomically (see [`write_atomic`]).
pub fn write(path: &Path, save: &Save) -> Result<(), String> {
    let text = ron::ser::to_string_pretty(
        save,
        ron::ser::PrettyConfig::new().indentor(" ").depth_limit(2),
    )
    .map_err(|e| format!("cannot write the save: {e}"))?;
    let text = format!(
        "// A saved game of Euphrates: the level, the seed and every command, with state hashes.\n// Check it with `euphrates replay FILE --verify`; the format is in docs/SAVES.md.\n{text}\n"
    );
    write_atomic(path, text.as_bytes())
        .map_err(|e| format!("cannot save to {}: {e}", path.display()))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Writes `bytes` to `path` so that no failure loses the old content: the bytes go to a
/// temporary file beside it, flushed to disk; the old file is moved to `PATH.bak`; the new
/// one is renamed into place. On any error the old file is where it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "a folder of that name is in the way",
        ));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = with_suffix(path, ".tmp");
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let bak = with_suffix(path, ".bak");
    let had_old = path.exists();
    if had_old && let Err(e) = std::fs::rename(path, &bak) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if let Err(e) = std::fs::rename(&tmp, path) {
        if had_old {
            let _ = std::fs::rename(&bak, path);
        }
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // Make the renames themselves durable where the platform allows it.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes an autosave into `dir` as `autosave-1.sav`, moving the older ones down
/// (`autosave-2.sav`, …) and dropping the oldest beyond [`AUTOSAVES_KEPT`]. Returns its path.
pub fn autosave(dir: &Path, save: &Save) -> Result<PathBuf, String> {
    let name = |i: usize| dir.join(format!("autosave-{i}.{EXTENSION}"));
    // Write the new one first, so a failed write leaves every older autosave in place.
    let fresh = dir.join(format!("autosave-new.{EXTENSION}"));
    write(&fresh, save)?;
    for i in (1..AUTOSAVES_KEPT).rev() {
        if name(i).exists() {
            std::fs::rename(name(i), name(i + 1))
                .map_err(|e| format!("cannot keep the older autosave: {e}"))?;
        }
    }
    std::fs::rename(&fresh, name(1)).map_err(|e| format!("cannot place the autosave: {e}"))?;
    let _ = std::fs::remove_file(with_suffix(&fresh, ".bak"));
    Ok(name(1))
}

/// A save found in a folder, for the load screen.
#[derive(Debug, Clone)]
pub struct SaveInfo {
    /// The file.
    pub path: PathBuf,
    /// When it was written.
    pub modified: Option<SystemTime>,
    /// The save, or why it cannot be read.
    pub save: Result<Box<Save>, SaveError>,
}

/// Every save in a folder, newest first.
pub fn list(dir: &Path) -> Vec<SaveInfo> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<SaveInfo> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == EXTENSION) && p.is_file())
        .map(|path| SaveInfo {
            modified: std::fs::metadata(&path).and_then(|m| m.modified()).ok(),
            save: read(&path).map(Box::new),
            path,
        })
        .collect();
    found.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.path.cmp(&b.path)));
    found
}
