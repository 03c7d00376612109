import Experiences
import OpenAPITesting
import Testing

/// The test-support validator that checks every service answer finds each kind of violation it claims to check.
struct JSONSchemaValidatorTests {
    static let validator = JSONSchemaValidator(schemas: [
        "Thing": [
            "type": "object",
            "required": ["id", "size"],
            "properties": [
                "id": ["type": "string"],
                "size": ["type": "integer", "minimum": 1, "maximum": 10],
                "share": ["type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1],
                "state": ["type": "string", "enum": ["queued", "done"]],
                "note": ["type": ["string", "null"]],
                "tags": ["type": "array", "items": ["type": "string"], "maxItems": 2],
            ],
        ]
    ])

    static let cases: [(value: JSONValue, problem: String?)] = [
        (["id": "a", "size": 3, "share": 0.5, "state": "done", "note": nil, "tags": ["x"]], nil),
        (["id": "a", "size": 3.0], nil),
        (["id": "a"], "required property 'size' is missing"),
        (["id": 7, "size": 3], "$.id: expected string, got integer"),
        (["id": "a", "size": 2.5], "$.size: expected integer, got number"),
        (["id": "a", "size": 11], "$.size: 11.0 is above maximum 10.0"),
        (["id": "a", "size": 0], "$.size: 0.0 is below minimum 1.0"),
        (["id": "a", "size": 1, "share": 1], "$.share: 1.0 is not below exclusiveMaximum 1.0"),
        (["id": "a", "size": 1, "state": "lost"], "$.state: \"lost\" is not one of"),
        (["id": "a", "size": 1, "note": 3], "$.note: expected string or null, got integer"),
        (["id": "a", "size": 1, "tags": ["x", 2]], "$.tags[1]: expected string, got integer"),
        (["id": "a", "size": 1, "tags": ["x", "y", "z"]], "$.tags: 3 items, more than maxItems 2"),
        ("a thing", "$: expected object, got string"),
    ]

    @Test(arguments: 0..<cases.count)
    func findsEachViolation(_ index: Int) {
        let (value, problem) = Self.cases[index]
        let found = Self.validator.violations(of: value, against: ["$ref": "#/components/schemas/Thing"])
        if let problem {
            #expect(found.contains { $0.contains(problem) }, "\(found)")
        } else {
            #expect(found.isEmpty, "\(found)")
        }
    }

    @Test func anUnresolvableReferenceIsAViolation() {
        #expect(Self.validator.violations(of: [:], against: ["$ref": "#/components/schemas/Missing"]).count == 1)
    }
}
