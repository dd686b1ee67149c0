import Foundation

/// Reads a list of streams in order with scanning on a helper thread and consuming on the
/// caller's, so a long backfill uses two cores: while the caller folds one piece into the
/// store, the next is read and scanned. Pieces are at most `pieceBytes`, and only a few are in
/// flight, so memory stays bounded (a few MB of records) whatever the file sizes. The helper touches only the
/// streams (and their followers), the caller only what it does with the pieces.
enum ScanPipeline {
    static let pieceBytes: Int64 = 1 << 20
    static let inFlight = 3

    struct Piece {
        var index: Int
        var scanned: JSONLStream.Scanned
        /// The stream has nothing more to read in this pass.
        var last: Bool
    }

    /// Calls `consume` with each piece, in stream order, on the calling thread.
    static func run(_ streams: [JSONLStream], byteBudget: Int64, _ consume: (Piece) -> Void) {
        let queue = PieceQueue(capacity: inFlight)
        let box = UncheckedBox(streams)
        let producer = Thread {
            var budget = byteBudget
            var recycler = RecordRecycler()
            for (index, stream) in box.value.enumerated() {
                repeat {
                    for spent in queue.takeSpent() { recycler.add(spent) }
                    let scanned = stream.scan(byteBudget: max(0, min(budget, pieceBytes)), recycler: &recycler)
                    budget -= scanned.bytesRead
                    let last = stream.follower.backlog == 0 || budget <= 0 || scanned.bytesRead == 0
                    queue.put(UncheckedBox(Piece(index: index, scanned: scanned, last: last)))
                    if last { break }
                } while true
            }
            queue.finish()
        }
        producer.start()
        while let piece = queue.take() {
            consume(piece.value)
            queue.giveBack(piece)
        }
    }
}

/// Hands a value to another thread where the code guarantees only one side uses it at a time.
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Records already consumed, freed on the scanning thread one for each record it makes: a
/// record's blocks were allocated on that thread, so freeing them there takes no lock another
/// thread holds, and freeing one just before making one of the same shape lets the allocator
/// hand the same blocks straight back (freeing a whole piece at once made it merge and split
/// thousands of blocks). The freed record's entry storage is handed to the new record, so most
/// records cost no allocation of their own. A piece of picked fields (`ScannedFields`) has no
/// storage per record: its arrays are handed whole to the next such piece.
struct RecordRecycler {
    private var batches: [[JSONLStream.Record]] = []
    /// The arrays of consumed pieces of picked fields, as many as can be in flight.
    private var spareRecords: [[JSONLStream.Record]] = []
    private var spareFields: [ScannedFields] = []

    mutating func add(_ piece: UncheckedBox<ScanPipeline.Piece>) {
        var records: [JSONLStream.Record] = []
        swap(&records, &piece.value.scanned.records)
        if let fields = piece.value.scanned.fields {
            piece.value.scanned.fields = nil
            guard spareFields.count <= ScanPipeline.inFlight else { return }
            spareFields.append(fields)
            spareRecords.append(records)
            return
        }
        if !records.isEmpty { batches.append(records) }
    }

    /// A records array for a piece of picked fields, emptied, its capacity kept.
    mutating func takeRecords() -> [JSONLStream.Record] {
        guard var records = spareRecords.popLast() else { return [] }
        records.removeAll(keepingCapacity: true)
        return records
    }

    /// Field arrays for a piece, emptied, their capacity kept.
    mutating func takeFields() -> ScannedFields {
        guard var fields = spareFields.popLast() else { return ScannedFields() }
        fields.removeAll()
        return fields
    }

    /// The entries of one consumed record, emptied, to build the next record in; an empty
    /// array when there is none (or when a reader still holds them: they are copied then).
    @inline(__always)
    mutating func takeStorage() -> [(key: String, value: JSONValue)] {
        guard !batches.isEmpty else { return [] }
        var record = batches[batches.count - 1].removeLast()
        if batches[batches.count - 1].isEmpty { batches.removeLast() }
        var entries = record.object.takeEntries()
        entries.removeAll(keepingCapacity: true)
        return entries
    }
}

/// A bounded first-in first-out hand-over between one producer and one consumer. Consumed
/// pieces go back to the producer to be freed there (`RecordRecycler`): a free from the other
/// thread takes the allocator's lock for the producer's arena, which the producer takes for
/// every allocation (on a large root the two threads spent more time waking each other on
/// that lock than scanning).
private final class PieceQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [UncheckedBox<ScanPipeline.Piece>] = []
    private var spent: [UncheckedBox<ScanPipeline.Piece>] = []
    private var finished = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func put(_ item: UncheckedBox<ScanPipeline.Piece>) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// The pieces consumed since the last call, for the producer to free.
    func takeSpent() -> [UncheckedBox<ScanPipeline.Piece>] {
        var done: [UncheckedBox<ScanPipeline.Piece>] = []
        condition.lock()
        swap(&done, &spent)
        condition.unlock()
        return done
    }

    func giveBack(_ item: UncheckedBox<ScanPipeline.Piece>) {
        condition.lock()
        spent.append(item)
        condition.unlock()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func take() -> UncheckedBox<ScanPipeline.Piece>? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard !items.isEmpty else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }
}
