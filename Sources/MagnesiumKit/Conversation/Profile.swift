import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// What the person has said about themselves during the session.
public struct Profile: Sendable, Equatable {
    /// Topic ids of groups and conditions that apply (pregnancy, kidney-disease, ...).
    public var groups: [String] = []
    /// Topic ids of medicines the person takes.
    public var medicines: [String] = []
    /// The person's own age in years.
    public var age: Int?
    /// The person's own sex, when they said it or a situation implies it ("female", "male").
    public var sex: String?
    /// Someone else the person asks for ("my son is 6", "my dad is 85"): who, and how old.
    public var otherPerson: String?
    /// Their age in whole years: a baby under one is 0.
    public var otherAge: Int?
    /// Their age as it was said when it was not in years ("3 months", "6 weeks", "a baby").
    public var otherAgeSpoken: String?
    /// Groups and medicines said of them ("my dad is on furosemide", "he has kidney problems"):
    /// theirs, not the asker's.
    public var otherGroups: [String] = []
    public var otherMedicines: [String] = []

    public init() {}

    public var isEmpty: Bool {
        groups.isEmpty && medicines.isEmpty && age == nil && otherAge == nil
            && otherGroups.isEmpty && otherMedicines.isEmpty
    }

    /// Someone else asked for now: nothing said of the last one (age, situation, medicines) is
    /// theirs.
    mutating func askingFor(_ relative: String) {
        otherPerson = relative
        otherAge = nil
        otherAgeSpoken = nil
        otherGroups = []
        otherMedicines = []
    }

    /// Who the one asked for is, as a reply names them: "your dad".
    var otherNamed: String { "your \(otherPerson ?? "relative")" }

    /// The groups an age puts someone in: band answers and situation rules leave them to the age
    /// and to the answers' own sentences for them.
    static let groupsAnAgeImplies: Set<String> = [ReservedID.children, ReservedID.olderAdults]

    /// Everything that shapes answers: groups, medicines and the groups an age implies.
    public func audience(in graph: Graph) -> [String] {
        var result = groups + medicines
        if let age, age >= Thresholds.olderAdultAge, graph.hasTopic(ReservedID.olderAdults),
            !result.contains(ReservedID.olderAdults)
        {
            result.append(ReservedID.olderAdults)
        }
        if let age, age < Thresholds.adultAge, graph.hasTopic(ReservedID.children),
            !result.contains(ReservedID.children)
        {
            result.append(ReservedID.children)
        }
        return result
    }

    /// One line a person can read, for `:profile`.
    public func summary(in graph: Graph) -> [String] {
        var lines: [String] = []
        if let age { lines.append("Age: \(age)") }
        if let sex { lines.append("Sex: \(sex)") }
        if let otherAge {
            lines.append(
                "Asking for your \(otherPerson ?? "relative"), aged \(otherAgeSpoken ?? String(otherAge))"
            )
        }
        for id in groups { lines.append("Situation: \(graph.topic(id)?.name ?? id)") }
        for id in medicines { lines.append("Medicine: \(graph.topic(id)?.name ?? id)") }
        let their = otherPerson.map { "Your \($0)'s" } ?? "Their"
        for id in otherGroups { lines.append("\(their) situation: \(graph.topic(id)?.name ?? id)") }
        for id in otherMedicines {
            lines.append("\(their) medicine: \(graph.topic(id)?.name ?? id)")
        }
        return lines
    }
}
