import Foundation
import Testing

@testable import IncidentKit

/// The stat pass lists a directory again only when it changed: on a root of a thousand nodes
/// and two hundred runs an idle pass costs one stat per directory, not a listing.
@Suite struct DirectoryCacheTests {
    private func makeDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "sitrep-dircache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/sub", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path + "/b.jsonl", contents: Data())
        _ = FileManager.default.createFile(atPath: path + "/.hidden", contents: Data())
        return path
    }

    /// Long enough for the directory's timestamp to move past the coarsest kernel tick.
    private func tick() { usleep(60_000) }

    @Test func anUnchangedDirectoryIsListedOnceAndAChangedOneAgain() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = DirectoryCache(racyWindowNanoseconds: 0)
        #expect(
            cache.entries(dir) == [.init(name: "b.jsonl", isDirectory: false), .init(name: "sub", isDirectory: true)])
        for _ in 0..<5 { _ = cache.names(dir) }
        #expect(cache.listingsRead == 1)
        tick()
        _ = FileManager.default.createFile(atPath: dir + "/a.jsonl", contents: Data())
        #expect(cache.names(dir) == ["a.jsonl", "b.jsonl", "sub"])
        #expect(cache.listingsRead == 2)
        tick()
        try FileManager.default.removeItem(atPath: dir + "/sub")
        #expect(cache.subdirectories(dir) == [])
        #expect(cache.listingsRead == 3)
    }

    @Test func aListingTakenRightAfterAChangeIsNotTrusted() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = DirectoryCache()
        _ = cache.names(dir)
        _ = cache.names(dir)
        // Within the window a same-tick change could hide behind an equal timestamp.
        #expect(cache.listingsRead == 2)
    }

    @Test func aMissingDirectoryIsEmptyAndFoundOnceCreated() throws {
        let dir = NSTemporaryDirectory() + "sitrep-dircache-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = DirectoryCache(racyWindowNanoseconds: 0)
        #expect(cache.names(dir).isEmpty)
        try FileManager.default.createDirectory(atPath: dir + "/run-1", withIntermediateDirectories: true)
        #expect(cache.subdirectories(dir) == ["run-1"])
    }

    @Test func symlinkedDirectoriesCountAsDirectories() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/sub")
        #expect(DirectoryCache().subdirectories(dir) == ["link", "sub"])
    }
}
