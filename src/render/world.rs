//! The Typst `World` of one document: a thin view that borrows the
//! process-wide state of the [`Typesetter`](super::Typesetter) and adds the
//! document's data. It reads nothing from the file system.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};
use typst_kit::fonts::FontStore;

/// The fixed ids of the virtual data files.
///
/// Why fixed: Typst interns file ids process-wide and can hold only 65 535
/// of them, so a batch of documents must reuse the same ids and change only
/// what is served behind them.
pub(crate) struct FileIds {
    /// `/data.json`: the document's data.
    pub data: FileId,
    /// `/meta.json`: ident, title and date of the document.
    pub meta: FileId,
    /// `/fonts.json`: the resolved font roles.
    pub fonts: FileId,
}

/// Interns a project-rooted path; only called with constant, valid paths.
pub(crate) fn project_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("constant virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The ids of the data files, interned once per process.
pub(crate) static IDS: LazyLock<FileIds> = LazyLock::new(|| FileIds {
    data: project_id("/data.json"),
    meta: project_id("/meta.json"),
    fonts: project_id("/fonts.json"),
});

/// What every document of a process shares.
pub(crate) struct Shared<'a> {
    pub library: &'a LazyHash<Library>,
    pub fonts: &'a FontStore,
    pub fonts_json: &'a Bytes,
    /// The modules templates may import (`gongwen.typ`).
    pub modules: &'a [&'a Source],
}

/// One document's world.
pub(crate) struct DocWorld<'a> {
    pub shared: Shared<'a>,
    /// The template, parsed once per process.
    pub main: &'a Source,
    /// `/data.json`.
    pub data: Bytes,
    /// `/meta.json`.
    pub meta: Bytes,
    /// What `datetime.today()` returns.
    pub today: Option<Datetime>,
}

impl DocWorld<'_> {
    /// The imported module with this id.
    fn module(&self, id: FileId) -> Option<&Source> {
        self.shared.modules.iter().copied().find(|m| m.id() == id)
    }

    /// The not-found error for any other path.
    fn not_found(id: FileId) -> FileError {
        FileError::NotFound(id.vpath().get_with_slash().into())
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.shared.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if let Some(module) = self.module(id) {
            Ok(module.clone())
        } else if id == IDS.data || id == IDS.meta || id == IDS.fonts {
            Err(FileError::NotSource)
        } else {
            Err(Self::not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == IDS.data {
            Ok(self.data.clone())
        } else if id == IDS.meta {
            Ok(self.meta.clone())
        } else if id == IDS.fonts {
            Ok(self.shared.fonts_json.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else if let Some(module) = self.module(id) {
            Ok(Bytes::from_string(module.text().to_string()))
        } else {
            Err(Self::not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.font(index)
    }

    /// The document's own date: output must not depend on the clock. The
    /// offset is ignored because the date has no time of day.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
