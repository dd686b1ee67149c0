import Foundation
import IncidentKit

/// What happens to the console: keys, the clock, the terminal size, new data, write results.
public enum Message: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A fresh picture; `dataChanged` when files changed on disk (not just the clock).
    case picture(Picture, dataChanged: Bool)
    case writeFinished(text: String, isError: Bool)
    case loading(String?)
    /// Output of the wizard's running command, as it arrives.
    case commandOutput(String)
    case commandFinished(CommandEnd)
    /// A resolved incident read back whole from its journals for the detail view (still
    /// compact when its events could not be read back).
    case recalled(IncidentView)
}

/// Work for the loop: the only way `update` touches the world.
public enum Effect: Equatable, Sendable {
    case write(WriteRequest)
    case quit
    case redrawAll
    case rollback(RollbackRequest)
    case runCommand(CommandRequest)
    case interruptCommand
    /// Write the incident report to this path under the root (beside its journal by default).
    case writeReport(incident: String, relativePath: String)
    /// Ring the bell (and send the notification, if configured) for these alerts.
    case alert([AlertTracker.Alert])
}
