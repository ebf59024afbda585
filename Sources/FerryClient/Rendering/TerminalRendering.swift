/// The text `ferry models` and `ferry audit` print on a terminal.
///
/// Every renderer is a pure function of the server's values: no colours, no clock, no terminal size.
/// Times are UTC. Tables size their columns to their content. The text has no final newline.
public enum TerminalRendering {
    /// How many characters of a description a table shows.
    static let descriptionWidth = 48
}
