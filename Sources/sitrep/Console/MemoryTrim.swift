#if canImport(Glibc)
    /// glibc's `malloc_trim` and `mallopt`, which the Glibc module leaves out (`<malloc.h>`).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
    @_silgen_name("mallopt")
    private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
    /// `M_MMAP_THRESHOLD` in `<malloc.h>`.
    private let mmapThreshold: Int32 = -3
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

    /// Blocks of 128 KiB and more (read buffers, scanned pieces, the checkpoint) get pages of
    /// their own, given back when freed. By default glibc raises that threshold as such blocks
    /// are freed, up to 32 MiB, and then carves them from the heap among the incidents the
    /// console keeps: on the 10x-journal bench root that left the loaded console at 147 MB
    /// resident instead of 123 MB. Set once, for the long-lived console.
    static func keepLargeBlocksApart() {
        #if canImport(Glibc)
            _ = glibcMallopt(mmapThreshold, 128 * 1024)
        #endif
    }
}
