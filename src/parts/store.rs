//! Text kept in a temporary file while a batch checked street by street is put together (the
//! units' figures of each year): what it is sorted by stays in memory, the text (most of its
//! room) is read back when it is written, so that memory does not grow with the batch's text.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The texts put so far, in one temporary file.
#[derive(Debug)]
pub struct Store {
    /// The file being written, and how much is in it.
    writer: Mutex<(BufWriter<File>, u64)>,
    /// How much of it is written out, and can be read back.
    flushed: AtomicU64,
    /// The file read back.
    reader: OnceLock<File>,
}

/// Where a text is in its store.
#[derive(Debug, Clone)]
pub(super) struct Stored {
    store: Arc<Store>,
    at: u64,
    len: usize,
}

impl Store {
    pub fn new() -> io::Result<Arc<Store>> {
        Ok(Arc::new(Store {
            writer: Mutex::new((BufWriter::new(tempfile::tempfile()?), 0)),
            flushed: AtomicU64::new(0),
            reader: OnceLock::new(),
        }))
    }

    fn writer(&self) -> std::sync::MutexGuard<'_, (BufWriter<File>, u64)> {
        self.writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn put(self: &Arc<Self>, text: &str) -> io::Result<Stored> {
        let mut writer = self.writer();
        let at = writer.1;
        writer.0.write_all(text.as_bytes())?;
        writer.1 += text.len() as u64;
        Ok(Stored {
            store: Arc::clone(self),
            at,
            len: text.len(),
        })
    }

    /// The file to read `end` bytes of from: what was put before is written out first.
    fn reader(&self, end: u64) -> io::Result<&File> {
        if end > self.flushed.load(Ordering::Acquire) || self.reader.get().is_none() {
            let mut writer = self.writer();
            writer.0.flush()?;
            if self.reader.get().is_none() {
                let file = writer.0.get_ref().try_clone()?;
                let _ = self.reader.set(file);
            }
            self.flushed.store(writer.1, Ordering::Release);
        }
        Ok(self.reader.get().expect("set above"))
    }
}

impl Stored {
    pub(super) fn text(&self) -> io::Result<String> {
        let mut bytes = vec![0; self.len];
        read_at(
            self.store.reader(self.at + self.len as u64)?,
            &mut bytes,
            self.at,
        )?;
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_read(bytes, at)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                bytes = &mut bytes[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_read_back_as_put_in_any_order() {
        let store = Store::new().expect("temp file");
        let texts = ["{\"code\":\"SZ001\"}", "", "议事协商", &"长".repeat(20_000)];
        let stored: Vec<Stored> = texts.iter().map(|t| store.put(t).expect("put")).collect();
        for (text, stored) in texts.iter().zip(&stored).rev() {
            assert_eq!(stored.text().expect("read"), *text);
        }
        // Put after reading: read back too.
        let more = store.put("又一条").expect("put");
        assert_eq!(more.text().expect("read"), "又一条");
    }
}
