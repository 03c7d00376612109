import Experiences
import FailureClustering
import HTTPSupport
import PatchGeneration
import PatchRanking

/// The OpenAPI description of the patch generator's and the ranker's routes.
enum PatchAPI {
    static func post(_ summary: String, _ operationID: String, request: String, response: String) -> JSONValue {
        [
            "post": [
                "summary": .string(summary),
                "operationId": .string(operationID),
                "requestBody": [
                    "required": true,
                    "content": ["application/json": ["schema": OpenAPIDocument.ref(request)]],
                ],
                "responses": .object(
                    OpenAPIDocument.bodyErrors.merging([
                        "200": OpenAPIDocument.jsonResponse("The result", schema: OpenAPIDocument.ref(response)),
                        "404": OpenAPIDocument.errorResponse("Unknown prompt id, clustering id or cluster id"),
                        "502": OpenAPIDocument.errorResponse("The configured model kept failing (LLM mode)"),
                        "503": OpenAPIDocument.storeUnavailable,
                    ]) { $1 }),
            ]
        ]
    }

    static let generatorPaths: [String: JSONValue] = [
        "/api/v1/generate-patches": post(
            "Propose 3-5 explained candidate patches for a failure cluster", "generatePatches",
            request: "GeneratePatchesRequest", response: "PatchGenerationResult")
    ]

    static let rankerPaths: [String: JSONValue] = [
        "/api/v1/rank": post(
            "Score candidates on hallucination reduction, clarity, length safety and cluster severity; select the top-1",
            "rank", request: "RankRequest", response: "RankResult")
    ]

    static let candidate: JSONValue = [
        "type": "object",
        "required": ["patch_id", "strategy", "operation", "patch_text", "prompt_text", "targets", "explanation"],
        "properties": [
            "patch_id": ["type": "string"],
            "strategy": ["type": "string"],
            "operation": ["type": "string", "enum": ["append", "insert_after", "replace"]],
            "anchor": ["type": ["string", "null"]],
            "patch_text": ["type": "string"],
            "prompt_text": ["type": "string", "description": "The full patched prompt"],
            "targets": ["type": "array", "items": ["type": "string"]],
            "explanation": ["type": "string"],
            "source": ["type": "string", "enum": ["template", "llm"]],
        ],
    ]

    static let schemas: [String: JSONValue] = [
        "Cluster": [
            "type": "object",
            "description": "A failure cluster as POST /api/v1/cluster returns it (extra keys are ignored)",
            "required": ["cluster_id"],
            "properties": [
                "cluster_id": ["type": "string"],
                "size": [
                    "type": "integer",
                    "description":
                        "Failures in the cluster; default: the distinct member ids (or representatives) listed",
                ],
                "share": ["type": "number", "minimum": 0, "maximum": 1],
                "severity": ["type": "number", "minimum": 0, "maximum": 1], "label": ["type": "string"],
                "top_terms": [
                    "type": "array", "items": ["type": "object"],
                    "maxItems": .integer(ClusteringLimits.topTermCount.upperBound),
                ],
                "failure_types": ["description": "{type: count} or [{failure_type, count}]"],
                "representatives": [
                    "type": "array", "items": ["type": "object"],
                    "maxItems": .integer(ClusteringLimits.representativeCount.upperBound),
                ],
                "member_ids": [
                    "type": "array", "items": ["type": "string"],
                    "maxItems": .integer(ClusteringLimits.failures.upperBound),
                ],
            ],
        ],
        "PatchCandidate": candidate,
        "GeneratePatchesRequest": [
            "type": "object",
            "description": "The cluster is 'cluster' inline, or 'clustering_id' + 'cluster_id' (a stored run)",
            "properties": [
                "prompt_id": ["type": "string", "examples": ["p_v1_1"]],
                "prompt_text": ["type": "string"],
                "cluster": OpenAPIDocument.ref("Cluster"),
                "clustering_id": ["type": "string"],
                "cluster_id": ["type": "string"],
                "mode": ["type": "string", "enum": ["template", "llm"], "default": "template"],
                "count": OpenAPIDocument.integer(in: PatchGeneratorConfiguration().allowedCounts, default: 3),
                "seed": ["type": "integer", "minimum": 0, "default": 0],
            ],
        ],
        "PatchGenerationResult": [
            "type": "object",
            "required": ["cluster_id", "mode", "candidates"],
            "properties": [
                "cluster_id": ["type": "string"],
                "prompt_id": ["type": ["string", "null"]],
                "mode": ["type": "string"],
                "seed": ["type": "integer"],
                "modes": [
                    "type": "array", "items": ["type": "object"], "description": "Inferred failure modes with evidence",
                ],
                "candidates": [
                    "type": "array", "items": OpenAPIDocument.ref("PatchCandidate"), "minItems": 3, "maxItems": 5,
                ],
                "rejected": ["type": "array", "items": ["type": "object"]],
                "skipped": ["type": "array", "items": ["type": "object"]],
            ],
        ],
        "RankRequest": [
            "type": "object",
            "description": "The cluster is 'cluster' inline, or 'clustering_id' + 'cluster_id' (a stored run)",
            "required": ["candidates"],
            "properties": [
                "prompt_id": ["type": "string"],
                "prompt_text": ["type": "string"],
                "cluster": OpenAPIDocument.ref("Cluster"),
                "clustering_id": ["type": "string"],
                "cluster_id": ["type": "string"],
                "candidates": [
                    "type": "array", "items": OpenAPIDocument.ref("PatchCandidate"),
                    "minItems": .integer(RankRequestLimits.candidates.lowerBound),
                    "maxItems": .integer(RankRequestLimits.candidates.upperBound),
                ],
                "weights": [
                    "type": "object",
                    "properties": [
                        "hallucination_reduction": OpenAPIDocument.number(in: RankRequestLimits.weight),
                        "clarity": OpenAPIDocument.number(in: RankRequestLimits.weight),
                        "length_safety": OpenAPIDocument.number(in: RankRequestLimits.weight),
                        "cluster_severity": OpenAPIDocument.number(in: RankRequestLimits.weight),
                    ],
                ],
                "measure": [
                    "type": "boolean", "default": false,
                    "description": .string(
                        "Run the measured check (model calls); a ranking still running after \(RankerController.defaultTimeLimit.components.seconds) s is stopped and answered with 422"
                    ),
                ],
                "samples": OpenAPIDocument.integer(
                    in: RankRequestLimits.samples,
                    description: "Outputs per representative in the measured check (measure: true)"),
                "seed": ["type": "integer", "minimum": 0],
            ],
        ],
        "RankResult": [
            "type": "object",
            "required": ["ranked", "selected"],
            "properties": [
                "ranked": [
                    "type": "array",
                    "items": [
                        "allOf": [
                            OpenAPIDocument.ref("PatchCandidate"),
                            [
                                "type": "object",
                                "required": ["score", "rank", "criteria"],
                                "properties": [
                                    "score": ["type": "number"], "rank": ["type": "integer"],
                                    "criteria": [
                                        "type": "object",
                                        "properties": [
                                            "hallucination_reduction": ["type": "number"],
                                            "clarity": ["type": "number"],
                                            "length_safety": ["type": "number"], "cluster_severity": ["type": "number"],
                                        ],
                                    ],
                                ],
                            ],
                        ]
                    ],
                ],
                "selected": ["type": ["string", "null"]],
                "excluded": ["type": "array", "items": ["type": "object"]],
            ],
        ],
    ]
}
