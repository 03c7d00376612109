import Experiences
import FailureClustering
import HTTPSupport
import Stages

/// The OpenAPI description of the clustering routes.
enum ClusteringAPI {
    static let paths: [String: JSONValue] = [
        "/api/v1/cluster": [
            "post": [
                "summary": "Cluster the failures the filters select (TF-IDF + k-means) and store the run",
                "description": .string(
                    "A clustering still running after \(ClusteringLimits.timeLimit.components.seconds) s is stopped and answered with 422."
                ),
                "operationId": "cluster",
                "requestBody": [
                    "required": true,
                    "content": ["application/json": ["schema": OpenAPIDocument.ref("ClusterRequest")]],
                ],
                "responses": .object(
                    OpenAPIDocument.bodyErrors.merging([
                        "201": OpenAPIDocument.jsonResponse(
                            "The stored clustering run", schema: OpenAPIDocument.ref("ClusteringRun")),
                        "404": OpenAPIDocument.errorResponse(
                            "No interaction at all is logged under the request's prompt_id (a mistyped id, or a version nothing has served)"
                        ),
                        "503": OpenAPIDocument.storeUnavailable,
                    ]) { $1 }),
            ]
        ],
        "/api/v1/clusterings/{id}": [
            "get": [
                "summary": "A stored clustering run",
                "operationId": "getClustering",
                "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]],
                "responses": [
                    "200": OpenAPIDocument.jsonResponse("The run", schema: OpenAPIDocument.ref("ClusteringRun")),
                    "404": OpenAPIDocument.errorResponse("No such run"),
                    "503": OpenAPIDocument.storeUnavailable,
                ],
            ]
        ],
        "/api/v1/clusterings/{id}/clusters/{cluster_id}/members": [
            "get": [
                "summary": "Pages through a cluster's member experiences",
                "operationId": "getClusterMembers",
                "parameters": [
                    ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]],
                    ["name": "cluster_id", "in": "path", "required": true, "schema": ["type": "string"]],
                    [
                        "name": "offset", "in": "query",
                        "schema": OpenAPIDocument.integer(in: 0...Int.max, default: 0),
                    ],
                    [
                        "name": "limit", "in": "query",
                        "schema": OpenAPIDocument.integer(in: ClusteringLimits.membersPage, default: 50),
                    ],
                ],
                "responses": [
                    "200": OpenAPIDocument.jsonResponse(
                        "A page of experiences", schema: OpenAPIDocument.ref("MembersPage")),
                    "400": OpenAPIDocument.errorResponse("A query parameter is not an integer"),
                    "404": OpenAPIDocument.errorResponse("No such run or cluster"),
                    "503": OpenAPIDocument.storeUnavailable,
                    "422": OpenAPIDocument.errorResponse("offset or limit out of range"),
                ],
            ]
        ],
    ]

    /// The clusterer's defaults, stated in the document.
    private static let defaults = FailureClusterer.Configuration()

    static let schemas: [String: JSONValue] = [
        "ClusterRequest": [
            "type": "object",
            "properties": [
                "since": ["type": "string", "format": "date-time"],
                "until": ["type": "string", "format": "date-time"],
                "prompt_id": ["type": "string"],
                "limit": OpenAPIDocument.integer(in: ClusteringLimits.failures, default: ClusterRequest.defaultLimit),
                "failure_threshold": ["type": "number", "minimum": 0, "maximum": 1, "default": 0.5],
                "k": OpenAPIDocument.integer(
                    in: ClusteringLimits.clusterCount,
                    description: "Number of clusters; chosen by silhouette over k_range when absent"),
                "k_range": [
                    "type": "array", "items": OpenAPIDocument.integer(in: ClusteringLimits.clusterCountRange),
                    "minItems": 2, "maxItems": 2, "default": [2, 10],
                ],
                "seed": [
                    "type": "integer", "minimum": 0, "default": 0,
                    "description":
                        "Seed of k-means++ (below 2^32: the same draws as scikit-learn's random_state) and of the silhouette sample",
                ],
                "representatives": OpenAPIDocument.integer(
                    in: ClusteringLimits.representativeCount, default: defaults.representativeCount),
                "encoding": [
                    "type": "string", "enum": ["failure_mode", "topic"], "default": "failure_mode",
                    "description":
                        "What clusters follow. failure_mode: the verifier's diagnosis of each failure (failure modes, unsupported names and numbers, refusal or abstention, over the length budget, broken format; no failure_type needed) as a block of its own, followed by the TF-IDF of the text scaled down by topic_weight, so the mode decides the cluster and the topic separates failures within a mode. topic: the TF-IDF of the text alone.",
                ],
                "topic_weight": [
                    "type": "number", "minimum": 0, "maximum": 1, "default": 0.4,
                    "description":
                        "Under failure_mode, the norm of the topic block in each row (the diagnosis block's is sqrt(1 - w^2))",
                ],
                "text": ["type": "string", "enum": ["response", "input", "both"], "default": "response"],
                "top_terms": OpenAPIDocument.integer(in: ClusteringLimits.topTermCount, default: defaults.topTermCount),
                "label_terms": OpenAPIDocument.integer(
                    in: ClusteringLimits.labelTermCount, default: defaults.labelTermCount),
                "n_init": OpenAPIDocument.integer(in: ClusteringLimits.runCount, default: defaults.runCount),
                "max_iter": OpenAPIDocument.integer(
                    in: ClusteringLimits.maxIterations, default: defaults.maxIterations),
                "silhouette_sample_size": OpenAPIDocument.integer(
                    in: ClusteringLimits.silhouetteSampleSize, default: defaults.silhouetteSampleSize),
                "tol": ["type": "number", "minimum": 0],
                "vectorizer": [
                    "type": "object",
                    "description":
                        "TF-IDF options (sublinear_tf, min_df, max_df, stop_words, ngram_range, max_features); stop_words is \"none\" (the default; null and [] say the same), \"english\" or a list of words",
                ],
            ],
        ],
        "ClusteringRun": [
            "type": "object",
            "required": ["clustering_id", "created_at", "clusters", "k_selection", "failure_count"],
            "properties": [
                "clustering_id": ["type": "string"],
                "created_at": ["type": "string", "format": "date-time"],
                "request": OpenAPIDocument.ref("ClusterRequest"),
                "failure_count": ["type": "integer"],
                "clusters": ["type": "array", "items": OpenAPIDocument.ref("FailureCluster")],
                "k_selection": ["type": "object"],
            ],
        ],
        "FailureCluster": [
            "type": "object",
            "required": [
                "cluster_id", "size", "share", "severity", "top_terms", "label", "failure_types", "representatives",
                "member_ids", "member_count", "members_truncated", "members_url",
            ],
            "properties": [
                "cluster_id": ["type": "string", "examples": ["cluster_1"]],
                "size": ["type": "integer"],
                "share": ["type": "number"],
                "severity": ["type": "number"],
                "mean_reward": ["type": ["number", "null"]],
                "top_terms": [
                    "type": "array",
                    "items": [
                        "type": "object", "properties": ["term": ["type": "string"], "weight": ["type": "number"]],
                    ],
                ],
                "label": ["type": "string"],
                "failure_types": [
                    "type": "array",
                    "items": [
                        "type": "object",
                        "properties": ["failure_type": ["type": "string"], "count": ["type": "integer"]],
                    ],
                ],
                "representatives": [
                    "type": "array",
                    "items": [
                        "type": "object",
                        "properties": [
                            "id": ["type": "string"], "input": ["type": "string"], "response": ["type": "string"],
                            "failure_type": ["type": ["string", "null"]], "distance": ["type": "number"],
                        ],
                    ],
                ],
                "member_ids": [
                    "type": "array", "items": ["type": "string"],
                    "maxItems": .integer(ClusteringLimits.inlineMemberIDs),
                    "description": .string(
                        "The first \(ClusteringLimits.inlineMemberIDs) member ids at most, in member order; when members_truncated, page them all at members_url"
                    ),
                ],
                "member_count": ["type": "integer", "minimum": 0, "description": "Every member, listed or not"],
                "members_truncated": [
                    "type": "boolean", "description": "member_ids lists only the first of member_count members",
                ],
                "members_url": [
                    "type": "string", "description": "The path that pages every member (offset, limit)",
                    "examples": ["/api/v1/clusterings/clu-1a2b/clusters/cluster_1/members"],
                ],
            ],
        ],
        "MembersPage": [
            "type": "object",
            "required": [
                "clustering_id", "cluster_id", "total", "offset", "limit", "next_offset", "member_ids", "experiences",
            ],
            "properties": [
                "clustering_id": ["type": "string"],
                "cluster_id": ["type": "string"],
                "total": ["type": "integer"],
                "offset": ["type": "integer"],
                "limit": ["type": "integer"],
                "next_offset": ["type": ["integer", "null"]],
                "member_ids": [
                    "type": "array", "items": ["type": "string"],
                    "description": "This page's member ids, also those whose experience has left the store",
                ],
                "experiences": ["type": "array", "items": ["type": "object"]],
            ],
        ],
    ]
}
