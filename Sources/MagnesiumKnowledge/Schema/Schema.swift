/// The fixed vocabularies of the knowledge schema (documented in `Knowledge/README.md`).
public enum Schema {
    public static let kinds: [String] = [
        "substance", "form", "food", "medicine", "cramp-kind", "cause", "condition", "symptom",
        "group",
        "benefit", "mechanism", "measure", "product", "concept", "study",
    ]
    public static let abouts: [String] = [
        "definition", "composition", "mechanism", "benefit", "evidence", "dose", "timing", "onset",
        "stopping",
        "side-effects", "overdose", "safety", "interactions", "absorption", "tolerance",
        "comparison", "food",
        "needs", "deficiency", "risk-groups", "testing", "causes", "kinds", "prevention", "relief",
        "warning-signs", "emergency", "choosing", "label", "quality", "price",
    ]
    public static let verdicts: [String] = [
        "supported", "partly-supported", "weak", "mixed", "not-supported",
    ]
    public static let maximumFactLength = 300
    /// The kind of an answer to someone telling how it went, given only to a line that asks
    /// nothing.
    public static let reportKind = "report"
    /// What kind of question a designed answer answers (see Knowledge/README.md, "Answers").
    public static let answerKinds: [String] = [
        "definition", "amount", "verdict", "reason", "method", "time", "choice", "comparison",
        "advice", "list", "correction", reportKind,
    ]
    public static let answerFields: [String] = [
        "id", "topic", "also", "asks", "questions", "says", "caution", "why", "more", "for",
        "ages", "sex",
    ]
    /// Who an answer's `sex:` says it is written for.
    public static let sexes: [String] = ["female", "male"]
    /// A source's standing: a primary study or systematic review, an official body, a
    /// professional reference, or anything else (a shop, a blog, a calculator).
    public static let standings: [String] = ["study", "official", "reference", "other"]

    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.first, let last = id.last, first != "-", last != "-",
            !id.contains("--")
        else { return false }
        return id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
