/// Why not the system allocator: every document grows and frees buffers of up to 512 KiB while
/// its fonts are subset, and glibc's malloc, once it has raised its mmap threshold, keeps them on
/// a heap that fragments. Resident memory while typesetting went from 84 to 294 MiB between
/// 1 000 and 5 000 documents; with mimalloc it stays within a few MiB (`benches/pipeline.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    yishi::cli::main()
}
