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
        /// The root's source profile; nil recognises it by its content.
        var profile: SourceProfile?
        var operatorName: String
        var readOnly = false
        var ascii = false
        var color = true
        var useInotify = true
        var pollInterval: TimeInterval = 1
        var theme = Theme(name: "plain", looks: [:])
        var keys = KeyBindings.defaults
        var mouse = false
        /// A clock override (`--now`): the console starts there and runs forward.
        var startAt: Date?
        /// Something that writes into the root while the console runs (the demo's simulator),
        /// called every `interval` seconds.
        var driver: (interval: TimeInterval, step: (Date) -> Void)?
        /// The runbooks the wizard offers, and whether its runs are drills.
        var runbooks = RunbookCatalog()
        var drill = false
        /// Said after a report's path (the demo: where its temporary root's reports go on exit).
        var reportNote: String?
        /// Alerts (a new critical incident, a breach): the terminal bell, and a desktop
        /// notification escape when configured.
        var bell = true
        var notify = NotifyStyle.off
        /// Where the checkpoint of what was read is kept, so a restart need not read the
        /// history again; nil keeps none (`--no-checkpoint`, the demo).
        var checkpoint: CheckpointDirectory?
    }

    /// How often at most a checkpoint is written while following, when something changed.
    static let checkpointInterval: TimeInterval = 60

    private let options: Options
    /// What one stat pass reads of the followed files at most.
    static let passBytes: Int64 = 4 << 20
    private let store: ArtifactStore
    private let live: LivePicture
    private let clock: ConsoleClock
    private var state: AppState
    private var screen: CursesScreen?
    private var watcher: ChangeWatcher
    /// On the monotonic clock, so a step of the system clock neither stalls nor floods them.
    private var lastStatPass = -TimeInterval.infinity
    /// The last pass stopped reading keys at `keysPerPass`; more may be waiting in curses.
    private var keysPending = false
    private var lastDriver = -TimeInterval.infinity
    private var lastFrame: Grid?
    /// The store saw new data since the last published picture.
    private var dataChanged = false
    private var rollback: RollbackWorker!
    /// Reading the history off the loop thread; store and live picture are its until done.
    private var loader: HistoryLoader?
    private let checkpointer: Checkpointer?
    /// On the monotonic clock; and whether the store saw anything new since.
    private var lastCheckpoint = -TimeInterval.infinity
    private var changedSinceCheckpoint = false

    init(options: Options) {
        self.options = options
        let profile = options.profile ?? ProfileResolver.recognize(root: options.root)
        store = ArtifactStore(
            root: options.root, profile: profile,
            fieldNames: FieldNames(profile: profile, policyAliases: options.policy.fieldAliases))
        live = LivePicture(store: store, policy: options.policy)
        let fieldNames = store.fieldNames
        checkpointer = options.checkpoint.map { directory in
            Checkpointer(
                directory: directory,
                context: CheckpointContext(
                    root: options.root, profile: profile, fieldNames: fieldNames,
                    build: CheckpointContext.build(version: SitrepVersion.current)))
        }
        clock = ConsoleClock(startAt: options.startAt)
        watcher = ChangeWatcher(enabled: options.useInotify)
        let empty = live.picture(at: clock.now())
        state = AppState(
            picture: empty, width: 80, height: 24, operatorName: options.operatorName, readOnly: options.readOnly,
            ascii: options.ascii)
        state.runbooks = options.runbooks
        state.drill = options.drill
        state.inheritedVariables = Set(ProcessInfo.processInfo.environment.keys)
        rollback = RollbackWorker(
            settings: .init(
                root: options.root, catalog: options.runbooks, drill: options.drill, readOnly: options.readOnly),
            freshIncidents: { [unowned self] in
                self.refresh(rescanWatches: false)
                _ = self.live.picture(at: self.now)  // folds again if the store changed
                return self.live.incidents
            })
        if !options.runbooks.problems.isEmpty {
            Update.flash(
                "Runbooks not loaded: " + options.runbooks.problems.joined(separator: "; "), isError: true, &state)
        }
    }

    private var now: Date { clock.now() }

    /// How early a stat pass may run to share a wake-up with the clock tick, so an idle
    /// console wakes once a second rather than twice (at the tick and at the pass).
    private var statPassSlack: TimeInterval { min(0.5, statInterval / 2) }

    /// How often the files are stat'ed: every poll interval, or, while inotify watches every
    /// directory they are in on a local file system, only as a safety net (a change there
    /// wakes the loop at once, and a lost event, a queue overflow, wakes it too). Stat'ing two
    /// thousand files every few seconds was most of an idle console's cost.
    private var statInterval: TimeInterval {
        watcher.coversAll ? max(options.pollInterval, ConsoleLoop.watchedStatInterval) : options.pollInterval
    }

    static let watchedStatInterval: TimeInterval = 30

    /// Runs until the user quits or a quit signal arrives; returns that signal, if any.
    func run() -> Int32? {
        TerminalGuard.install()
        MemoryTrim.keepLargeBlocksApart()
        let screen = CursesScreen(useColor: options.color, theme: options.theme, mouse: options.mouse)
        self.screen = screen
        state.keys = options.keys
        state.width = Int(screen.width)
        state.height = Int(screen.height)
        send(.loading("loading history…"))
        render(force: true)
        // The loader thread cannot share the loop's clock; it counts monotonic time from here.
        let (loadStart, loadStartMonotonic) = (now, clock.monotonicSeconds)
        let (store, checkpointer) = (store, checkpointer)
        loader = HistoryLoader(store: store, live: live, restore: checkpointer.map { c in { c.restore(into: store) } })
        {
            loadStart.addingTimeInterval(ConsoleClock.systemMonotonic() - loadStartMonotonic)
        }
        var signal: Int32?
        while !state.wantsQuit {
            if waitForInput() == .hungUp {
                // The terminal is gone (SSH dropped): reads return EOF at once, and waiting on
                // them would spin. End as SIGHUP would.
                signal = SIGHUP
                break
            }
            var signals = TerminalGuard.drainSignals()
            // Ctrl-C while a wizard command runs stops the command, as a shell stops its job.
            if rollback.isRunning, signals.contains(SIGINT) {
                rollback.interrupt(now: now)
                signals.removeAll { $0 == SIGINT }
            }
            if let received = signals.first {
                signal = received
                break
            }
            serviceCommand()
            readKeys()
            if state.wantsQuit { break }
            if watcher.drain() { refresh(rescanWatches: true) }
            let tick = clock.monotonicSeconds
            if let driver = options.driver, tick - lastDriver >= driver.interval {
                driver.step(now)
                lastDriver = tick
            }
            if tick - lastStatPass >= statInterval - statPassSlack { refresh(rescanWatches: false) }
            absorbLoader()
            publish()
            render(force: false)
            if changedSinceCheckpoint, clock.monotonicSeconds - lastCheckpoint >= ConsoleLoop.checkpointInterval {
                _ = saveCheckpoint()
            }
        }
        rollback.shutdown(now: now)
        screen.close()
        // A hang-up (the SSH session dropped) ends here too: the restart it leads to is the
        // one the checkpoint is for.
        if changedSinceCheckpoint { _ = saveCheckpoint() }
        return signal
    }

    /// Output of the wizard's command; when it ends, its journal record is on screen before
    /// the next key is read, so the step's gate sees the result.
    private func serviceCommand() {
        let messages = rollback.service(now: now)
        for message in messages { send(message) }
        if messages.contains(where: { if case .commandFinished = $0 { return true } else { return false } }) {
            publishWritten()
        }
    }

    /// A write of ours is shown at once, not at the next stat pass.
    private func publishWritten() {
        refresh(rescanWatches: false)
        send(.picture(live.picture(at: now), dataChanged: true))
    }

    enum Wait { case ready, hungUp }

    private func waitForInput() -> Wait {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        fds.append(pollfd(fd: TerminalGuard.pipeRead, events: Int16(POLLIN), revents: 0))
        if let inotify = watcher.descriptor { fds.append(pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)) }
        if let output = rollback.pollDescriptor { fds.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
        if let loader { fds.append(pollfd(fd: loader.descriptor, events: Int16(POLLIN), revents: 0)) }
        let toNextSecond = 1 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
        var timeout = min(toNextSecond, statInterval - (clock.monotonicSeconds - lastStatPass))
        if let driver = options.driver { timeout = min(timeout, driver.interval) }
        // Keys left over from a long paste are read at once, after a frame.
        let ms = keysPending ? 0 : Int32(max(1, min(1000, timeout * 1000 + 1)))
        _ = poll(&fds, nfds_t(fds.count), ms)
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 ? .hungUp : .ready
    }

    /// Keys taken per pass through the loop. A paste arrives as thousands of keys; between
    /// batches the loop renders and looks at signals, so a hang-up or Ctrl-C ends it mid-paste.
    static let keysPerPass = 2048

    private func readKeys() {
        guard let screen else { return }
        var taken = 0
        keysPending = false
        while let (key, resized) = screen.readKey() {
            if resized {
                screen.updateSize()
                screen.invalidate(clearScreen: true)
                send(.resize(width: Int(screen.width), height: Int(screen.height)))
            }
            if let key {
                CrashForTesting.onKey()
                if let key = state.keys.translate(key, in: state) { send(.key(key)) }
            }
            if state.wantsQuit { return }
            taken += 1
            if taken >= ConsoleLoop.keysPerPass {
                keysPending = true
                return
            }
        }
    }

    /// A stat pass over the root. Watches are re-scanned when inotify fired or data changed
    /// (a new run or node directory), not on every pass.
    private func refresh(rescanWatches: Bool) {
        guard loader == nil else { return }
        lastStatPass = clock.monotonicSeconds
        let changed = store.refresh(byteBudget: ConsoleLoop.passBytes)
        // A burst bigger than a pass is read over the next passes, which come at once, after
        // the keys: a file grown by gigabytes never holds the loop.
        if !store.isCaughtUp { lastStatPass = -.infinity }
        if changed || rescanWatches { watcher.watch(store.watchedDirectories) }
        dataChanged = dataChanged || changed
        changedSinceCheckpoint = changedSinceCheckpoint || changed
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
        recallDetail(at: current)
    }

    /// A resolved incident keeps its events on disk: the detail view gets them read back.
    private func recallDetail(at current: Date) {
        guard let id = state.detailNeedsRecall, let incident = live.incident(withID: id) else { return }
        send(.recalled(PictureBuilder.view(of: incident, policy: options.policy, now: current)))
    }

    /// Opens the incidents of signals whose detector says `auto_declare`.
    private func autoDeclare(_ signals: [Signal], at current: Date) {
        let pending = signals.filter { signal in !live.knows(signal.incidentID) }
        guard !pending.isEmpty else { return }
        let known = live.incidents
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
        case .alert(let alerts):
            if options.bell { screen?.bell() }
            let insideTmux = !(ProcessInfo.processInfo.environment["TMUX"] ?? "").isEmpty
            for alert in alerts {
                if let escape = options.notify.escape(alert.text, insideTmux: insideTmux) { screen?.emit(escape) }
            }
        case .redrawAll:
            screen?.invalidate(clearScreen: true)
            lastFrame = nil
        case .write where loader != nil, .rollback where loader != nil, .writeReport where loader != nil:
            send(.writeFinished(text: "Still reading the history; try again when it is loaded", isError: true))
        case .runCommand where loader != nil:
            send(.commandFinished(CommandEnd(exitCode: nil, evidence: nil, error: "the history is still loading")))
        case .write(let request):
            // Read-only holds here too, whatever a future overlay forgets to check.
            guard !options.readOnly else {
                send(.writeFinished(text: "Read-only console: nothing was written", isError: true))
                return
            }
            let result = JournalWriteRunner(
                root: options.root, policy: options.policy, now: now, incidents: live.incidents
            ).perform(request)
            refresh(rescanWatches: false)
            send(.writeFinished(text: result.text, isError: result.isError))
        case .rollback(let request):
            let result = rollback.write(request, now: now)
            publishWritten()
            send(.writeFinished(text: result.text, isError: result.isError))
        case .runCommand(let request):
            for message in rollback.start(request, now: now) { send(message) }
            publishWritten()
        case .interruptCommand:
            rollback.interrupt(now: now)
        case .writeReport(let id, let relative):
            guard let incident = live.incident(withID: id) else { return }
            guard !incident.isCompact else {
                send(
                    .writeFinished(
                        text: "Report not written: the events of \(id) could not be read back from \(incident.journal) "
                            + "(rotated or rewritten since they were read)", isError: true))
                return
            }
            do {
                let relative = try IncidentReport.write(
                    incident: incident, policy: options.policy, root: options.root, now: now, relative: relative)
                // In full: a path cut to its end says nothing about where to find the file.
                let path =
                    relative.hasPrefix("/")
                    ? relative : (options.root.hasSuffix("/") ? options.root : options.root + "/") + relative
                send(
                    .writeFinished(
                        text: "Report written to \(path)" + (options.reportNote.map { ". \($0)" } ?? ""), isError: false
                    ))
            } catch {
                send(.writeFinished(text: "Report not written: \(error)", isError: true))
            }
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
        changedSinceCheckpoint = true
        let problem = saveCheckpoint().map { " (checkpoint not saved: \($0))" } ?? ""
        // After the checkpoint too: writing it is the last big allocation of the load.
        MemoryTrim.now()
        send(.writeFinished(text: current.summary(at: Date()) + problem, isError: false))
    }

    /// Writes the checkpoint when the store is the loop's (not while the history loads);
    /// returns why it could not be written, if it could not.
    private func saveCheckpoint() -> String? {
        guard let checkpointer, loader == nil else { return nil }
        lastCheckpoint = clock.monotonicSeconds
        changedSinceCheckpoint = false
        do {
            try checkpointer.save(store, at: Date())
            return nil
        } catch {
            return error.message
        }
    }

    private func render(force: Bool) {
        let frame = Screen.render(state)
        if !force, frame == lastFrame { return }
        screen?.draw(frame)
        lastFrame = frame
    }
}
