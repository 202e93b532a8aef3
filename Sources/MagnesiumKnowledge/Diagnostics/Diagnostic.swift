import MagnesiumText

/// A problem found in a file the user or a content author wrote, with its place.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public init(_ location: SourceLocation, _ message: String) {
        self.init(file: location.file, line: location.line, message: message)
    }

    /// The one-line form printed on stderr: `FILE:LINE: message`.
    public var description: String { "\(file):\(line): \(message)" }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line, a.message) < (b.file, b.line, b.message)
    }
}

/// Loading the knowledge failed; every problem found is listed.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
