import MagnesiumKnowledge
import MagnesiumUnderstanding

/// What the front ends ask of the session to lay answers out, without changing the dialogue.
extension Session {
    /// Whether the session would answer this line as "tell me more", worked out on a copy of the
    /// session, so nothing is answered and the conversation is as it was. The shell shows what it
    /// held back of the last answer first, before asking the session for more.
    public func wouldAnswerAsMore(_ read: ReadLine) -> Bool {
        // Only a line read as "more" at best gets a "more" reply (see `decide` and
        // `designedTurn`); checking that first spares a second answer for every other line.
        guard let understanding = read.understanding,
            understanding.best?.intent == ReservedID.more
        else { return false }
        var trial = self
        trial.keepsTurns = false
        return trial.respond(to: read).intent == ReservedID.more
    }

    /// ``wouldAnswerAsMore(_:)-(ReadLine)`` for a line not yet read.
    public func wouldAnswerAsMore(_ line: String) -> Bool {
        wouldAnswerAsMore(Self.read(line, understander: understander))
    }
}
