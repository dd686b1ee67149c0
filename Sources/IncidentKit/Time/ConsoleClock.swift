import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The console's "now", safe against steps of the system clock.
///
/// - Simulated (`--now`): the given start plus the monotonic time elapsed since, so setting the
///   system clock during a drill or a test changes nothing.
/// - Live: the system clock, except that it never runs backwards. After a backward step the
///   clock goes on counting monotonic time from where it was until the system clock catches up,
///   so a breached timer does not turn pending again and ages do not shrink. A forward step (an
///   NTP correction, a resumed virtual machine) is followed: that time really passed.
///
/// Scheduling (the next stat pass, the next tick) uses `monotonicSeconds`, which no clock step
/// moves.
public final class ConsoleClock {
    private let simulatedStart: Date?
    private let wall: () -> Date
    private let monotonic: () -> TimeInterval
    private var last: Date
    private var lastMonotonic: TimeInterval

    public init(
        startAt: Date? = nil, wall: @escaping () -> Date = Date.init,
        monotonic: @escaping () -> TimeInterval = ConsoleClock.systemMonotonic
    ) {
        self.simulatedStart = startAt
        self.wall = wall
        self.monotonic = monotonic
        last = startAt ?? wall()
        lastMonotonic = monotonic()
    }

    public var monotonicSeconds: TimeInterval { monotonic() }

    public func now() -> Date {
        let mono = monotonic()
        let projected = last.addingTimeInterval(max(0, mono - lastMonotonic))
        let next: Date
        if simulatedStart != nil {
            next = projected
        } else {
            let system = wall()
            next = system >= last ? system : projected
        }
        last = next
        lastMonotonic = mono
        return next
    }

    /// Seconds on a clock that counts through suspend where the system has one (CLOCK_BOOTTIME)
    /// and is never set.
    public static func systemMonotonic() -> TimeInterval {
        var ts = timespec()
        #if os(Linux)
            clock_gettime(CLOCK_BOOTTIME, &ts)
        #else
            clock_gettime(CLOCK_MONOTONIC, &ts)
        #endif
        return TimeInterval(ts.tv_sec) + TimeInterval(ts.tv_nsec) / 1e9
    }
}
