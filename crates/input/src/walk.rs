//! Expanding the user's arguments into inputs.

use std::path::{Path, PathBuf};

use crate::{Format, InputError, InputSpec, io_message};

/// Expands `args` into inputs, in order: `-` is stdin, a file is itself, a directory is every
/// file under it with an extension we read (`.txt`, `.html`, `.htm`, `.jsonl`, `.ndjson`),
/// walked recursively in name order, hidden entries skipped. A name that cannot be read is an
/// error item at its place; the others go on.
pub fn expand(args: &[PathBuf]) -> Vec<Result<InputSpec, InputError>> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Ok(InputSpec::Stdin));
            continue;
        }
        match std::fs::metadata(arg) {
            Ok(meta) if meta.is_dir() => walk_dir(arg, &mut out),
            Ok(_) => out.push(Ok(InputSpec::File(arg.clone()))),
            Err(e) => out.push(Err(InputError::new(
                &arg.display().to_string(),
                None,
                io_message(&e),
            ))),
        }
    }
    out
}

fn walk_dir(root: &Path, out: &mut Vec<Result<InputSpec, InputError>>) {
    // An explicit stack rather than recursion: depth is the file system's, not ours.
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                out.push(Err(InputError::new(
                    &dir.display().to_string(),
                    None,
                    io_message(&e),
                )));
                continue;
            }
        };
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            match entry.file_type() {
                Ok(t) if t.is_dir() => dirs.push(path),
                Ok(_) if Format::from_path(&path).is_some() => files.push(path),
                _ => {}
            }
        }
        files.sort();
        dirs.sort();
        // Files of a directory first, then its subdirectories, each in name order.
        out.extend(files.into_iter().map(|p| Ok(InputSpec::File(p))));
        stack.extend(dirs.into_iter().rev());
    }
}
