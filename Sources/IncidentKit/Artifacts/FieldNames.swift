/// The names artifact writers use for each canonical field, from the source profile (see
/// `SourceProfile.fields`); a policy's `fields:` adds its own in front of these. A name with
/// dots is a path into nested objects.
public struct FieldNames: Sendable {
    private let table: [String: FieldLookup]

    public init(profile: SourceProfile = BuiltinProfiles.sitrep, policyAliases: [String: [String]] = [:]) {
        var names = profile.fields
        for (key, extra) in policyAliases { names[key] = extra + (names[key] ?? [key]) }
        table = names.mapValues(FieldLookup.init)
    }

    public func names(_ canonical: String) -> [String] { table[canonical]?.names ?? [canonical] }

    public func lookup(_ canonical: String) -> FieldLookup { table[canonical] ?? FieldLookup([canonical]) }

    public func value(_ canonical: String, in object: JSONObject) -> JSONValue? {
        lookup(canonical).value(in: object)
    }

    /// The field name that matched, for evidence.
    public func matchedName(_ canonical: String, in object: JSONObject) -> String? {
        lookup(canonical).match(in: object)?.name
    }
}
