//! What the tests of a batch of several streets share: the batch, made from the fixtures.

use std::path::{Path, PathBuf};

pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The streets of [`five_street_folders`].
pub const STREETS: [&str; 5] = [
    "莲花街道",
    "南湾街道",
    "桂林街道",
    "红庙子街道",
    "香蜜湖街道",
];

/// `dir/batch`: five streets (the scenarios and the year's sample), each in a folder of its own.
pub fn five_street_folders(dir: &Path) -> PathBuf {
    let batch = dir.join("batch");
    for (folder, from) in [
        ("深圳莲花", "fixtures/scenarios/shenzhen-full-year-2025"),
        ("深圳南湾", "fixtures/scenarios/shenzhen-village-2025"),
        ("吉林桂林", "fixtures/scenarios/jilin-six-steps"),
        ("新疆红庙子", "fixtures/scenarios/xinjiang-four-two"),
        ("深圳香蜜湖", "fixtures/year"),
    ] {
        copy_tree(Path::new(from), &batch.join(folder));
    }
    batch
}
