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
            for (index, stream) in box.value.enumerated() {
                repeat {
                    let scanned = stream.scan(byteBudget: max(0, min(budget, pieceBytes)))
                    budget -= scanned.bytesRead
                    let last = stream.follower.backlog == 0 || budget <= 0 || scanned.bytesRead == 0
                    queue.put(UncheckedBox(Piece(index: index, scanned: scanned, last: last)))
                    if last { break }
                } while true
            }
            queue.finish()
        }
        producer.start()
        while let piece = queue.take() { consume(piece.value) }
    }
}

/// Hands a value to another thread where the code guarantees only one side uses it at a time.
final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A bounded first-in first-out hand-over between one producer and one consumer.
private final class PieceQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [UncheckedBox<ScanPipeline.Piece>] = []
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
