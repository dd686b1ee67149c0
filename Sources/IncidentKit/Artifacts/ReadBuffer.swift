import Foundation

/// One read buffer per thread, reused by every follower that thread drains: allocating a
/// mebibyte per read costs an mmap, page faults and an munmap each time (seconds of system time
/// over a gigabyte of history).
final class ReadBuffer {
    static let size = 1 << 20
    let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: ReadBuffer.size)

    deinit { bytes.deallocate() }

    private static let key = "sitrep.ReadBuffer"

    /// The calling thread's buffer (released with the thread).
    static var current: ReadBuffer {
        let dictionary = Thread.current.threadDictionary
        if let buffer = dictionary[key] as? ReadBuffer { return buffer }
        let buffer = ReadBuffer()
        dictionary[key] = buffer
        return buffer
    }
}
