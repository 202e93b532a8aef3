import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// The topics talked about, most recent first: what "it" and a bare follow-up refer to.
extension Session {
    /// Puts the topics first in the focus, in their order; the focus keeps eight.
    mutating func remember(_ topics: [String]) {
        for topic in topics.reversed() {
            focus.removeAll { $0 == topic }
            focus.insert(topic, at: 0)
        }
        if focus.count > 8 { focus.removeLast(focus.count - 8) }
    }
}
