import IncidentKit

/// The console's model, update function and views live here (issue: the live console).
public enum ConsoleUI {
    public static let minimumSize = (columns: 40, rows: 12)
}
