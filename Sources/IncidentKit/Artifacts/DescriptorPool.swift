#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bounds how many followed files hold a descriptor at once. A follower that gets one past the
/// capacity closes the least recently used other's; that one is "parked" (its identity and
/// offset kept) and reopens by path when its file changes, checking that the path still names
/// the same file. Files that do not change hold nothing. Capacity comes from `RLIMIT_NOFILE`,
/// leaving room for everything else the process opens. Not thread-safe: its store's owner uses it.
public final class DescriptorPool {
    public let capacity: Int
    private struct Holder {
        unowned let follower: LineFollower
        var lastUse: Int
    }
    private var holders: [ObjectIdentifier: Holder] = [:]
    private var useClock = 0
    /// Followers whose file could not be opened because the process ran out of descriptors.
    private var starved = Set<ObjectIdentifier>()

    public init(capacity: Int = DescriptorPool.capacityFromLimit()) {
        self.capacity = max(1, capacity)
    }

    /// Half of what the soft limit leaves after 64 for the terminal, inotify, pipes, spawned
    /// commands and the libraries.
    public static func capacityFromLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 4096 }
        let soft = Int(clamping: limit.rlim_cur)
        return max(8, min(65536, (soft - 64) / 2))
    }

    /// Raises the soft descriptor limit to the hard one (done once, at start).
    public static func raiseSoftLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// How many followed files are unread for want of a descriptor.
    public var starvedCount: Int { starved.count }

    /// Files holding a descriptor now.
    public var holding: Int { holders.count }

    func opened(_ follower: LineFollower) {
        let id = ObjectIdentifier(follower)
        starved.remove(id)
        useClock += 1
        holders[id] = Holder(follower: follower, lastUse: useClock)
        while holders.count > capacity, evictOldest(sparing: id) {}
    }

    func used(_ follower: LineFollower) {
        useClock += 1
        holders[ObjectIdentifier(follower)]?.lastUse = useClock
    }

    func closed(_ follower: LineFollower) { holders[ObjectIdentifier(follower)] = nil }

    func forget(_ follower: LineFollower) {
        closed(follower)
        starved.remove(ObjectIdentifier(follower))
    }

    /// An open failed with EMFILE or ENFILE: frees a descriptor if one is held here; says
    /// whether to try again.
    func outOfDescriptors(_ follower: LineFollower) -> Bool {
        if evictOldest(sparing: ObjectIdentifier(follower)) { return true }
        starved.insert(ObjectIdentifier(follower))
        return false
    }

    @discardableResult
    private func evictOldest(sparing id: ObjectIdentifier) -> Bool {
        guard let oldest = holders.filter({ $0.key != id }).min(by: { $0.value.lastUse < $1.value.lastUse }) else {
            return false
        }
        holders[oldest.key] = nil
        oldest.value.follower.park()
        return true
    }
}
