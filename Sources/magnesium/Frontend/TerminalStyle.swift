import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// Colour and bold for a terminal, or nothing: with `enabled` false every helper returns
/// its text unchanged, so callers never branch on whether colour is on.
struct TerminalStyle: Sendable {
    let enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    /// Citation numbers and other small pointers.
    func accent(_ text: String) -> String { wrap(text, "36") }
    /// Urgent advice, which must not be skimmed over.
    func alarm(_ text: String) -> String { wrap(text, "1;31") }

    /// What a piece of `replay` output reports, each with its colour.
    enum Role { case success, failure, update, heading, location, hunk, dim }

    func paint(_ text: String, _ role: Role) -> String {
        let code =
            switch role {
            case .success: "32"
            case .failure: "31"
            case .update: "33"
            case .heading, .location: "1"
            case .hunk: "36"
            case .dim: "2"
            }
        return wrap(text, code)
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// A bold prompt for libedit: each escape sequence sits between `\u{1}` and `\u{2}`
    /// (RL_PROMPT_START_IGNORE / END_IGNORE) so libedit leaves it out of its cursor maths.
    ///
    /// The closing reset must come before the prompt's last character: libedit draws an
    /// invisible sequence together with the character that follows it, and a sequence at the
    /// very end of the prompt is attached to the first cell of the line being typed, which
    /// typing overwrites. So `magnesium> ` with the reset last never reset anything, and what
    /// the person typed, and everything after the shell, was bold.
    func prompt(_ text: String) -> String {
        guard enabled, let last = text.last else { return text }
        return "\u{1}\u{1B}[1m\u{2}\(text.dropLast())\u{1}\u{1B}[0m\u{2}\(last)"
    }

    /// SGR 0: every attribute and colour back to the terminal's default.
    static let reset: StaticString = "\u{1B}[0m"

    /// The text with citation markers such as `[1]` or `[2, 3]` in the accent colour.
    func citations(in text: String) -> String {
        guard enabled else { return text }
        return Citations.replacingMarkers(in: text) { _, marker in accent(String(marker)) }
    }
}
