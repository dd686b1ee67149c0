#if canImport(Glibc)
    /// glibc's `malloc_trim`, which the Glibc module leaves out (it is in `<malloc.h>`).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// Hands the allocator's free pages back to the system. Reading a long history frees far more
/// than it keeps (each line's parse, on two threads), and without this the console's resident
/// size would stay at the peak of the read rather than what it holds.
enum MemoryTrim {
    static func now() {
        #if canImport(Glibc)
            _ = glibcMallocTrim(0)
        #endif
    }
}
