import Experiences
import HTTPSupport
import Stages

/// The OpenAPI description of `POST /api/v1/experiences`, the online side's logging route.
enum IngestionAPI {
    static let paths: [String: JSONValue] = [
        "/api/v1/experiences": [
            "post": [
                "summary":
                    "Store a batch of logged interactions, all or nothing; ids already stored are left as they are",
                "description": .string(
                    """
                    Each item is an experience (id, input, response, reward or success, ...) or an OpenAI-style \
                    chat log (messages: system, user, assistant, tool), validated as `kaizen experiences import` \
                    validates a line. One bad item refuses the whole batch with 422 and an `errors` entry per bad \
                    item; nothing is stored then. At most \(ExperienceBatch.maximumCount) items per request. \
                    With `score_unlabelled`, an item with neither reward nor success gets the verifier's verdict \
                    (reward, success, its worst failure mode as failure_type, metadata.labelled_by "verifier") \
                    instead of being refused.
                    """),
                "operationId": "ingestExperiences",
                "requestBody": [
                    "required": true,
                    "content": ["application/json": ["schema": OpenAPIDocument.ref("ExperienceBatch")]],
                ],
                "responses": .object(
                    OpenAPIDocument.bodyErrors.merging([
                        "200": OpenAPIDocument.jsonResponse(
                            "The batch was stored", schema: OpenAPIDocument.ref("IngestionResult")),
                        "422": OpenAPIDocument.jsonResponse(
                            "The batch is empty, too large, or has bad items (listed in errors); nothing was stored",
                            schema: OpenAPIDocument.ref("IngestionRejection")),
                        "503": OpenAPIDocument.storeUnavailable,
                    ]) { $1 }),
            ]
        ]
    ]

    static let schemas: [String: JSONValue] = [
        "ExperienceBatch": [
            "type": "object",
            "required": ["experiences"],
            "properties": [
                "experiences": [
                    "type": "array", "minItems": 1, "maxItems": .integer(ExperienceBatch.maximumCount),
                    "items": [
                        "type": "object",
                        "description":
                            "An experience {id, input, response, reward | success, created_at?, prompt_id?, context?, reference?, failure_type?, metadata?}, or a chat log {messages, reward | success, id?, ...}",
                    ],
                ],
                "format": ["type": "string", "enum": ["auto", "experience", "chat"], "default": "auto"],
                "score_unlabelled": [
                    "type": "boolean", "default": false,
                    "description":
                        "Score items that have neither reward nor success with the verifier instead of refusing them",
                ],
            ],
        ],
        "IngestionResult": [
            "type": "object",
            "required": ["received", "inserted", "already_present", "scored", "unread_keys"],
            "properties": [
                "received": ["type": "integer"],
                "inserted": ["type": "integer"],
                "already_present": ["type": "integer", "description": "Ids the store already had (left unchanged)"],
                "scored": [
                    "type": "integer", "description": "Items without reward or success that the verifier scored",
                ],
                "unread_keys": [
                    "type": "object", "additionalProperties": ["type": "integer"],
                    "description":
                        "Keys of the items that no experience field reads, with how many items had each (at most 100 keys); they are not stored (e.g. {\"knowledge\": 3}: the field is 'context')",
                ],
            ],
        ],
        "IngestionRejection": [
            "type": "object",
            "required": ["detail"],
            "properties": [
                "detail": ["type": "string"],
                "errors": [
                    "type": "array",
                    "items": [
                        "type": "object", "required": ["index", "message"],
                        "properties": [
                            "index": ["type": "integer", "description": "0-based position in experiences"],
                            "field": ["type": ["string", "null"]],
                            "message": ["type": "string"],
                        ],
                    ],
                ],
            ],
        ],
    ]
}
