//! How many threads `yishi build` typesets with: at least one, and no more than the machine has
//! cores, since typesetting keeps each thread busy and more threads than cores only wait.

/// `--jobs N`: a whole number of at least 1.
pub fn parse_jobs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("至少为 1（同时排版的线程数）".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err("应为不小于 1 的整数".to_string()),
    }
}

/// The threads to use for `asked` (the command line's or `[build]`'s, else one per core), capped
/// at the cores there are; when capped, the note that says so.
pub fn threads(asked: Option<usize>) -> (usize, Option<String>) {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    cap(asked, cores)
}

fn cap(asked: Option<usize>, cores: usize) -> (usize, Option<String>) {
    match asked {
        Some(n) if n > cores => (
            cores,
            Some(format!(
                "提示：同时排版的线程数 {n} 超过本机 CPU 核数 {cores}，多开线程不会更快，按 {cores} 线程排版"
            )),
        ),
        Some(n) => (n.max(1), None),
        None => (cores, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_refused_and_too_many_are_capped() {
        assert!(parse_jobs("0").unwrap_err().contains("至少为 1"));
        assert!(parse_jobs("-1").is_err());
        assert_eq!(parse_jobs("3"), Ok(3));
        assert_eq!(cap(Some(2), 4), (2, None));
        let (n, note) = cap(Some(1000), 2);
        assert_eq!(n, 2);
        assert!(note.unwrap().contains("1000 超过本机 CPU 核数 2"));
        assert_eq!(cap(None, 8), (8, None));
    }
}
