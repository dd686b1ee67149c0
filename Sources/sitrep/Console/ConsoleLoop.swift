import ConsoleUI
import Foundation
import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// The single-threaded event loop: waits with poll(2) on the keyboard, inotify and the signal
/// pipe, with a timeout for the next second's countdown tick and the next stat pass; feeds
/// messages to `Update`, runs its effects, and redraws only when the frame changed.
final class ConsoleLoop {
    struct Options {
        var root: String
        var policy: Policy
        var operatorName: String
        var readOnly = false
        var ascii = false
        var color = true
        var useInotify = true
        var pollInterval: TimeInterval = 1
        /// A clock override (`--now`): the console starts there and runs forward.
        var startAt: Date?
        /// Something that writes into the root while the console runs (the demo's simulator),
        /// called every `interval` seconds.
        var driver: (interval: TimeInterval, step: (Date) -> Void)?
    }

    private let options: Options
    private let store: ArtifactStore
    private let live: LivePicture
    private let clockOffset: TimeInterval
    private var state: AppState
    private var screen: CursesScreen?
    private var watcher: ChangeWatcher
    private var lastStatPass = Date.distantPast
    private var lastDriver = Date.distantPast
    private var lastFrame: Grid?
    /// The store saw new data since the last published picture.
    private var dataChanged = false
    /// Reading the history off the loop thread; store and live picture are its until done.
    private var loader: HistoryLoader?

    init(options: Options) {
        self.options = options
        store = ArtifactStore(root: options.root, fieldNames: FieldNames(policyAliases: options.policy.fieldAliases))
        live = LivePicture(store: store, policy: options.policy)
        clockOffset = options.startAt.map { $0.timeIntervalSinceNow } ?? 0
        watcher = ChangeWatcher(enabled: options.useInotify)
        let empty = live.picture(at: Date().addingTimeInterval(clockOffset))
        state = AppState(
            picture: empty, width: 80, height: 24, operatorName: options.operatorName, readOnly: options.readOnly,
            ascii: options.ascii)
    }

    private var now: Date { Date().addingTimeInterval(clockOffset) }

    /// How early a stat pass may run to share a wake-up with the clock tick, so an idle
    /// console wakes once a second rather than twice (at the tick and at the pass).
    private var statPassSlack: TimeInterval { min(0.5, options.pollInterval / 2) }

    /// Runs until the user quits or a quit signal arrives; returns that signal, if any.
    func run() -> Int32? {
        TerminalGuard.install()
        let screen = CursesScreen(useColor: options.color)
        self.screen = screen
        state.width = Int(screen.width)
        state.height = Int(screen.height)
        send(.loading("loading history…"))
        render(force: true)
        loader = HistoryLoader(store: store, live: live) { [clockOffset] in Date().addingTimeInterval(clockOffset) }
        var signal: Int32?
        while !state.wantsQuit {
            waitForInput()
            if let received = TerminalGuard.drainSignals().first {
                signal = received
                break
            }
            readKeys()
            if state.wantsQuit { break }
            if watcher.drain() { refresh(rescanWatches: true) }
            let current = now
            if let driver = options.driver, current.timeIntervalSince(lastDriver) >= driver.interval {
                driver.step(current)
                lastDriver = current
            }
            if current.timeIntervalSince(lastStatPass) >= options.pollInterval - statPassSlack {
                refresh(rescanWatches: false)
            }
            absorbLoader()
            publish()
            render(force: false)
        }
        screen.close()
        return signal
    }

    private func waitForInput() {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        fds.append(pollfd(fd: TerminalGuard.pipeRead, events: Int16(POLLIN), revents: 0))
        if let inotify = watcher.descriptor { fds.append(pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)) }
        if let loader { fds.append(pollfd(fd: loader.descriptor, events: Int16(POLLIN), revents: 0)) }
        let current = Date()
        let toNextSecond = 1 - current.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
        var timeout = min(
            toNextSecond, options.pollInterval - current.addingTimeInterval(clockOffset).timeIntervalSince(lastStatPass)
        )
        if let driver = options.driver { timeout = min(timeout, driver.interval) }
        let ms = Int32(max(1, min(1000, timeout * 1000 + 1)))
        _ = poll(&fds, nfds_t(fds.count), ms)
    }

    private func readKeys() {
        guard let screen else { return }
        while let (key, resized) = screen.readKey() {
            if resized {
                screen.updateSize()
                screen.invalidate(clearScreen: true)
                send(.resize(width: Int(screen.width), height: Int(screen.height)))
            }
            if let key { send(.key(key)) }
            if state.wantsQuit { return }
        }
    }

    /// A stat pass over the root. Watches are re-scanned when inotify fired or data changed
    /// (a new run or node directory), not on every pass.
    private func refresh(rescanWatches: Bool) {
        guard loader == nil else { return }
        lastStatPass = now
        let changed = store.refresh()
        if changed || rescanWatches { watcher.watch(store.watchedDirectories) }
        dataChanged = dataChanged || changed
    }

    /// One picture per pass through the loop: the clock moved, and maybe the data.
    private func publish() {
        guard loader == nil else { return }
        let current = now
        let picture = live.picture(at: current)
        send(.picture(picture, dataChanged: dataChanged))
        let fresh = dataChanged
        dataChanged = false
        if fresh, !options.readOnly { autoDeclare(picture.signals.filter(\.autoDeclare), at: current) }
    }

    /// Opens the incidents of signals whose detector says `auto_declare`.
    private func autoDeclare(_ signals: [Signal], at current: Date) {
        let known = live.incidents
        let pending = signals.filter { signal in !known.contains { $0.id == signal.incidentID } }
        guard !pending.isEmpty else { return }
        let actions = IncidentActions(root: options.root, policy: options.policy, now: current, incidents: { known })
        var opened: [String] = []
        for signal in pending {
            do {
                if let id = try actions.autoDeclare(signal, by: options.operatorName) { opened.append(id) }
            } catch {
                send(.writeFinished(text: "Could not auto-declare \(signal.key): \(error)", isError: true))
            }
        }
        guard !opened.isEmpty else { return }
        if store.refresh() { send(.picture(live.picture(at: current), dataChanged: true)) }
        send(.writeFinished(text: "Auto-declared \(opened.joined(separator: ", "))", isError: false))
    }

    private func send(_ message: Message) {
        for effect in Update.apply(message, to: &state) { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit: state.wantsQuit = true
        case .redrawAll:
            screen?.invalidate(clearScreen: true)
            lastFrame = nil
        case .write where loader != nil:
            send(.writeFinished(text: "Still reading the history; try again when it is loaded", isError: true))
        case .write(let request):
            let result = JournalWriteRunner(
                root: options.root, policy: options.policy, now: now, incidents: live.incidents
            ).perform(request)
            refresh(rescanWatches: false)
            send(.writeFinished(text: result.text, isError: result.isError))
        }
    }

    /// Shows the loader's latest picture and progress; when it is done the loop takes the
    /// store back and goes on with stat passes and inotify.
    private func absorbLoader() {
        guard let current = loader, let report = current.take() else { return }
        send(.picture(report.picture, dataChanged: true))
        send(.loading(report.done ? nil : report.progress))
        guard report.done else { return }
        loader = nil
        refresh(rescanWatches: true)
        dataChanged = true
        send(.writeFinished(text: current.summary(at: Date()), isError: false))
    }

    private func render(force: Bool) {
        let frame = Screen.render(state)
        if !force, frame == lastFrame { return }
        screen?.draw(frame)
        lastFrame = frame
    }
}
