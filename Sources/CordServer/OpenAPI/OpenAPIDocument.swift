/// The OpenAPI 3.1 document of the API, served at `/api/v1/openapi.json`. This literal is its one source;
/// `docs/openapi.json` is its copy in the repository (`cordmatch serve --openapi > docs/openapi.json`), and the
/// tests check that the two are the same bytes and that the document lists exactly the router's `/api/v1` routes.
public enum OpenAPIDocument {
    /// The document as JSON text: the bytes served, and the bytes of `docs/openapi.json`.
    public static let json = #"""
{
  "components": {
    "parameters": {
      "RecipientID": {
        "description": "A stored recipient's id.",
        "in": "path",
        "name": "id",
        "required": true,
        "schema": {
          "type": "string"
        }
      },
      "SearchDate": {
        "description": "Date for date rules (YYYY-MM-DD, default today), as `--search-date`.",
        "in": "query",
        "name": "search_date",
        "schema": {
          "format": "date",
          "type": "string"
        }
      },
      "UnitID": {
        "description": "A unit's id.",
        "in": "path",
        "name": "unit",
        "required": true,
        "schema": {
          "type": "string"
        }
      }
    },
    "responses": {
      "Problem": {
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        },
        "description": "A problem (RFC 9457)"
      }
    },
    "schemas": {
      "AdHocSearch": {
        "properties": {
          "disease": {
            "enum": [
              "malignant",
              "non-malignant"
            ]
          },
          "dsa": {
            "description": "Antibodies, TARGET=MFI separated by ';'.",
            "type": "string"
          },
          "hla": {
            "description": "The recipient's typing as a GL string.",
            "type": "string"
          },
          "include_ineligible": {
            "type": "boolean"
          },
          "limit": {
            "maximum": 100000,
            "minimum": 1,
            "type": "integer"
          },
          "policy": {
            "description": "A preset (default: the disease's).",
            "enum": [
              "malignant",
              "non-malignant"
            ]
          },
          "search_date": {
            "format": "date",
            "type": "string"
          },
          "weight_kg": {
            "description": "The recipient's weight in kg (as --weight).",
            "maximum": 400,
            "minimum": 0.5,
            "type": "number"
          }
        },
        "required": [
          "hla",
          "weight_kg",
          "disease"
        ],
        "type": "object"
      },
      "AuditList": {
        "additionalProperties": false,
        "properties": {
          "entries": {
            "items": {
              "additionalProperties": false,
              "properties": {
                "action": {
                  "type": "string"
                },
                "actor": {
                  "type": "string"
                },
                "at": {
                  "type": "string"
                },
                "detail": {
                  "type": "string"
                },
                "recipient_id": {
                  "type": "string"
                },
                "seq": {
                  "type": "integer"
                },
                "unit_id": {
                  "type": "string"
                }
              },
              "required": [
                "seq",
                "at",
                "action",
                "detail"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "schema": {
            "const": "cordmatch.audit/1"
          }
        },
        "required": [
          "schema",
          "entries"
        ],
        "type": "object"
      },
      "CompareReport": {
        "additionalProperties": false,
        "properties": {
          "imgt_version": {
            "type": "string"
          },
          "missing": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "policy": {
            "type": "string"
          },
          "recipient": {
            "type": "string"
          },
          "schema": {
            "const": "cordmatch.compare/1"
          },
          "search_date": {
            "type": "string"
          },
          "units": {
            "items": {
              "$ref": "#/components/schemas/UnitResult"
            },
            "type": "array"
          }
        },
        "required": [
          "schema",
          "policy",
          "imgt_version",
          "recipient",
          "search_date",
          "units",
          "missing"
        ],
        "type": "object"
      },
      "CountDistribution": {
        "additionalProperties": {
          "maximum": 1,
          "minimum": 0,
          "type": "number"
        },
        "description": "P(count = k), the counts as string keys (rounded to 6 decimals); a count left out has probability 0.",
        "propertyNames": {
          "pattern": "^[0-9]+$"
        },
        "type": "object"
      },
      "ExplanationReport": {
        "additionalProperties": false,
        "properties": {
          "explanation": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "imgt_version": {
            "type": "string"
          },
          "policy": {
            "type": "string"
          },
          "recipient": {
            "type": "string"
          },
          "schema": {
            "const": "cordmatch.explain/1"
          },
          "search_date": {
            "type": "string"
          },
          "unit": {
            "$ref": "#/components/schemas/UnitResult"
          }
        },
        "required": [
          "schema",
          "policy",
          "imgt_version",
          "recipient",
          "search_date",
          "unit",
          "explanation"
        ],
        "type": "object"
      },
      "Health": {
        "additionalProperties": false,
        "properties": {
          "status": {
            "enum": [
              "ok",
              "unavailable"
            ]
          }
        },
        "required": [
          "status"
        ],
        "type": "object"
      },
      "MatchProbabilities": {
        "additionalProperties": false,
        "properties": {
          "dropped": {
            "maximum": 1,
            "minimum": 0,
            "type": "number"
          },
          "haplotypes": {
            "description": "The set used, or 'recipient set / unit set' when the sides used different sets.",
            "type": "string"
          },
          "mismatches": {
            "additionalProperties": false,
            "properties": {
              "A": {
                "$ref": "#/components/schemas/CountDistribution"
              },
              "B": {
                "$ref": "#/components/schemas/CountDistribution"
              },
              "C": {
                "$ref": "#/components/schemas/CountDistribution"
              },
              "DQB1": {
                "$ref": "#/components/schemas/CountDistribution"
              },
              "DRB1": {
                "$ref": "#/components/schemas/CountDistribution"
              }
            },
            "required": [
              "A",
              "B",
              "C",
              "DRB1",
              "DQB1"
            ],
            "type": "object"
          },
          "unrepresented": {
            "additionalProperties": false,
            "properties": {
              "recipient": {
                "type": "boolean"
              },
              "unit": {
                "type": "boolean"
              }
            },
            "required": [
              "recipient",
              "unit"
            ],
            "type": "object"
          },
          "x10": {
            "$ref": "#/components/schemas/CountDistribution"
          },
          "x6": {
            "$ref": "#/components/schemas/CountDistribution"
          },
          "x8": {
            "$ref": "#/components/schemas/CountDistribution"
          }
        },
        "required": [
          "x8",
          "x6",
          "x10",
          "mismatches",
          "unrepresented",
          "dropped",
          "haplotypes"
        ],
        "type": "object"
      },
      "NewRequest": {
        "properties": {
          "kind": {
            "enum": [
              "confirmatory typing requested",
              "reserved"
            ]
          },
          "note": {
            "maxLength": 4096,
            "type": "string"
          },
          "unit_id": {
            "type": "string"
          }
        },
        "required": [
          "unit_id",
          "kind"
        ],
        "type": "object"
      },
      "Problem": {
        "additionalProperties": false,
        "properties": {
          "detail": {
            "type": "string"
          },
          "status": {
            "type": "integer"
          },
          "title": {
            "type": "string"
          },
          "type": {
            "type": "string"
          }
        },
        "required": [
          "type",
          "title",
          "status",
          "detail"
        ],
        "type": "object"
      },
      "RecipientDocument": {
        "additionalProperties": false,
        "properties": {
          "recipient": {
            "additionalProperties": false,
            "properties": {
              "abo": {
                "type": "string"
              },
              "active": {
                "type": "boolean"
              },
              "disease": {
                "type": "string"
              },
              "dsa": {
                "type": "string"
              },
              "hla": {
                "type": "string"
              },
              "id": {
                "type": "string"
              },
              "policy": {
                "type": "string"
              },
              "population": {
                "type": "string"
              },
              "release": {
                "type": "string"
              },
              "weight_kg": {
                "type": "number"
              }
            },
            "required": [
              "id",
              "hla",
              "release",
              "weight_kg",
              "disease",
              "dsa",
              "active"
            ],
            "type": "object"
          },
          "schema": {
            "const": "cordmatch.recipient/1"
          }
        },
        "required": [
          "schema",
          "recipient"
        ],
        "type": "object"
      },
      "RecipientList": {
        "additionalProperties": false,
        "properties": {
          "next_after": {
            "type": "string"
          },
          "recipients": {
            "items": {
              "additionalProperties": false,
              "properties": {
                "active": {
                  "type": "boolean"
                },
                "disease": {
                  "type": "string"
                },
                "id": {
                  "type": "string"
                },
                "policy": {
                  "type": "string"
                },
                "weight_kg": {
                  "type": "number"
                }
              },
              "required": [
                "id",
                "disease",
                "weight_kg",
                "policy",
                "active"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "schema": {
            "const": "cordmatch.recipients/1"
          }
        },
        "required": [
          "schema",
          "recipients"
        ],
        "type": "object"
      },
      "RematchReport": {
        "description": "cordmatch.rematch/1 (docs/OPERATIONS.md, Reports).",
        "properties": {
          "imgt_version": {
            "type": "string"
          },
          "limit": {
            "type": "integer"
          },
          "policy": {
            "type": "string"
          },
          "previous_run_id": {
            "type": "integer"
          },
          "recipients": {
            "items": {
              "type": "object"
            },
            "type": "array"
          },
          "run_id": {
            "type": "integer"
          },
          "schema": {
            "const": "cordmatch.rematch/1"
          },
          "search_date": {
            "type": "string"
          },
          "summary": {
            "type": "object"
          }
        },
        "required": [
          "schema",
          "run_id",
          "policy",
          "imgt_version",
          "search_date",
          "limit",
          "summary",
          "recipients"
        ],
        "type": "object"
      },
      "RequestList": {
        "additionalProperties": false,
        "properties": {
          "requests": {
            "items": {
              "$ref": "#/components/schemas/UnitRequest"
            },
            "type": "array"
          },
          "schema": {
            "const": "cordmatch.requests/1"
          }
        },
        "required": [
          "schema",
          "requests"
        ],
        "type": "object"
      },
      "SearchReport": {
        "additionalProperties": false,
        "properties": {
          "assessed": {
            "type": "integer"
          },
          "imgt_version": {
            "type": "string"
          },
          "pairs": {
            "items": {
              "additionalProperties": false,
              "properties": {
                "combined_tnc_per_kg": {
                  "type": "number"
                },
                "rank": {
                  "type": "integer"
                },
                "unit_to_unit_x8": {
                  "type": "integer"
                },
                "unit_to_unit_x8_potential": {
                  "type": "integer"
                },
                "units": {
                  "items": {
                    "type": "string"
                  },
                  "type": "array"
                }
              },
              "required": [
                "rank",
                "units",
                "combined_tnc_per_kg",
                "unit_to_unit_x8",
                "unit_to_unit_x8_potential"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "policy": {
            "type": "string"
          },
          "recipient": {
            "type": "string"
          },
          "results": {
            "items": {
              "$ref": "#/components/schemas/UnitResult"
            },
            "type": "array"
          },
          "scanned": {
            "type": "integer"
          },
          "schema": {
            "const": "cordmatch.search/1"
          },
          "search_date": {
            "type": "string"
          }
        },
        "required": [
          "schema",
          "policy",
          "imgt_version",
          "recipient",
          "search_date",
          "scanned",
          "assessed",
          "results",
          "pairs"
        ],
        "type": "object"
      },
      "UnitRequest": {
        "additionalProperties": false,
        "properties": {
          "account": {
            "type": "string"
          },
          "created_at": {
            "type": "string"
          },
          "id": {
            "type": "integer"
          },
          "kind": {
            "enum": [
              "confirmatory typing requested",
              "reserved"
            ]
          },
          "note": {
            "type": "string"
          },
          "recipient_id": {
            "type": "string"
          },
          "unit_id": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "recipient_id",
          "unit_id",
          "kind",
          "note",
          "account",
          "created_at"
        ],
        "type": "object"
      },
      "UnitResult": {
        "additionalProperties": false,
        "description": "A unit as a search lists it (docs/FORMATS.md). `rank` is absent for ineligible units and in explanations and comparisons.",
        "properties": {
          "abo": {
            "type": "string"
          },
          "antibodies": {
            "items": {
              "additionalProperties": false,
              "properties": {
                "action": {
                  "enum": [
                    "exclude",
                    "flag",
                    "warn"
                  ]
                },
                "carried": {
                  "type": "string"
                },
                "mfi": {
                  "type": "number"
                },
                "target": {
                  "type": "string"
                }
              },
              "required": [
                "target",
                "mfi",
                "carried",
                "action"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "bank": {
            "type": "string"
          },
          "cd34_per_kg": {
            "type": "number"
          },
          "eligible": {
            "type": "boolean"
          },
          "loci": {
            "additionalProperties": {
              "items": {
                "additionalProperties": false,
                "properties": {
                  "confidence": {
                    "type": "string"
                  },
                  "detail": {
                    "type": "string"
                  },
                  "direction": {
                    "type": "string"
                  },
                  "grade": {
                    "type": "string"
                  },
                  "recipient": {
                    "type": "string"
                  },
                  "unit": {
                    "type": "string"
                  }
                },
                "required": [
                  "recipient",
                  "unit",
                  "grade",
                  "confidence"
                ],
                "type": "object"
              },
              "type": "array"
            },
            "type": "object"
          },
          "match": {
            "additionalProperties": false,
            "properties": {
              "gvh": {
                "type": "integer"
              },
              "hvg": {
                "type": "integer"
              },
              "x10": {
                "type": "integer"
              },
              "x10_potential": {
                "type": "integer"
              },
              "x12": {
                "type": "integer"
              },
              "x12_potential": {
                "type": "integer"
              },
              "x6": {
                "type": "integer"
              },
              "x6_potential": {
                "type": "integer"
              },
              "x8": {
                "type": "integer"
              },
              "x8_potential": {
                "type": "integer"
              }
            },
            "required": [
              "x6",
              "x6_potential",
              "x8",
              "x8_potential",
              "x10",
              "x10_potential",
              "x12",
              "x12_potential",
              "gvh",
              "hvg"
            ],
            "type": "object"
          },
          "nima_matched": {
            "type": "boolean"
          },
          "probabilities": {
            "description": "Match probabilities from the installed haplotype frequency sets (docs/PROBABILITIES.md); null when no set is installed or applies, or a side is unrepresented.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/MatchProbabilities"
              },
              {
                "type": "null"
              }
            ]
          },
          "rank": {
            "type": "integer"
          },
          "reasons": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "rules": {
            "items": {
              "additionalProperties": false,
              "properties": {
                "detail": {
                  "type": "string"
                },
                "name": {
                  "type": "string"
                },
                "outcome": {
                  "enum": [
                    "passed",
                    "failed",
                    "relaxed",
                    "not reported"
                  ]
                }
              },
              "required": [
                "name",
                "outcome",
                "detail"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "tnc_per_kg": {
            "type": "number"
          },
          "unit_id": {
            "type": "string"
          },
          "warnings": {
            "items": {
              "type": "string"
            },
            "type": "array"
          }
        },
        "required": [
          "unit_id",
          "eligible",
          "match",
          "loci",
          "abo",
          "antibodies",
          "rules",
          "reasons",
          "warnings",
          "probabilities"
        ],
        "type": "object"
      },
      "UserList": {
        "additionalProperties": false,
        "properties": {
          "schema": {
            "const": "cordmatch.users/1"
          },
          "users": {
            "items": {
              "additionalProperties": false,
              "properties": {
                "created_at": {
                  "type": "string"
                },
                "disabled": {
                  "type": "boolean"
                },
                "name": {
                  "type": "string"
                },
                "role": {
                  "enum": [
                    "viewer",
                    "coordinator",
                    "admin"
                  ]
                }
              },
              "required": [
                "name",
                "role",
                "disabled",
                "created_at"
              ],
              "type": "object"
            },
            "type": "array"
          }
        },
        "required": [
          "schema",
          "users"
        ],
        "type": "object"
      }
    },
    "securitySchemes": {
      "bearer": {
        "description": "An API token from `cordmatch token create NAME`.",
        "scheme": "bearer",
        "type": "http"
      },
      "session": {
        "description": "The cookie /login sets. State-changing calls also send the session's CSRF token as X-CSRF-Token.",
        "in": "cookie",
        "name": "cordmatch_session",
        "type": "apiKey"
      }
    }
  },
  "info": {
    "description": "Cord blood unit search for stem-cell transplant recipients. Every route but health, this document and the sign-in page needs an API token (`Authorization: Bearer …`, from `cordmatch token create`) or a signed-in session; errors are application/problem+json (RFC 9457) with the CLI's messages.",
    "title": "cordmatch",
    "version": "1"
  },
  "openapi": "3.1.0",
  "paths": {
    "/api/v1/audit": {
      "get": {
        "operationId": "audit",
        "parameters": [
          {
            "in": "query",
            "name": "recipient",
            "schema": {
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "user",
            "schema": {
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "since",
            "schema": {
              "format": "date",
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "limit",
            "schema": {
              "default": 1000,
              "maximum": 10000,
              "minimum": 1,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AuditList"
                }
              }
            },
            "description": "cordmatch.audit/1"
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "The audit trail, oldest first (at most `limit` of the latest). Admin."
      }
    },
    "/api/v1/health": {
      "get": {
        "operationId": "health",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            },
            "description": "Serving"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            },
            "description": "The database cannot be read"
          }
        },
        "security": [],
        "summary": "Whether the server can read its database. No credentials, no data."
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "operationId": "openapi",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            },
            "description": "The OpenAPI document"
          }
        },
        "security": [],
        "summary": "This document."
      }
    },
    "/api/v1/recipients": {
      "get": {
        "operationId": "listRecipients",
        "parameters": [
          {
            "description": "List ids after this one (the previous page's next_after).",
            "in": "query",
            "name": "after",
            "schema": {
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "limit",
            "schema": {
              "default": 100,
              "maximum": 1000,
              "minimum": 1,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RecipientList"
                }
              }
            },
            "description": "A page of recipients"
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "Stored recipients by id (no typings), a page at a time. Viewer."
      }
    },
    "/api/v1/recipients/{id}": {
      "get": {
        "operationId": "getRecipient",
        "parameters": [
          {
            "$ref": "#/components/parameters/RecipientID"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RecipientDocument"
                }
              }
            },
            "description": "The recipient"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "A stored recipient as imported. Viewer."
      }
    },
    "/api/v1/recipients/{id}/compare": {
      "get": {
        "operationId": "compareUnits",
        "parameters": [
          {
            "$ref": "#/components/parameters/RecipientID"
          },
          {
            "description": "1 to 20 unit ids separated by commas.",
            "in": "query",
            "name": "units",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/SearchDate"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CompareReport"
                }
              }
            },
            "description": "cordmatch.compare/1"
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "503": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "Several units side by side for a stored recipient. Viewer."
      }
    },
    "/api/v1/recipients/{id}/requests": {
      "get": {
        "operationId": "listRecipientRequests",
        "parameters": [
          {
            "$ref": "#/components/parameters/RecipientID"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RequestList"
                }
              }
            },
            "description": "cordmatch.requests/1"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "The requests recorded for a recipient. Viewer."
      },
      "post": {
        "operationId": "createRequest",
        "parameters": [
          {
            "$ref": "#/components/parameters/RecipientID"
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NewRequest"
              }
            }
          },
          "required": true
        },
        "responses": {
          "201": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UnitRequest"
                }
              }
            },
            "description": "The recorded request"
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "Record a request on a unit for a recipient (confirmatory typing requested, or reserved) with a note. Coordinator. With a session cookie, send the session's CSRF token as X-CSRF-Token."
      }
    },
    "/api/v1/recipients/{id}/search": {
      "get": {
        "operationId": "searchRecipient",
        "parameters": [
          {
            "$ref": "#/components/parameters/RecipientID"
          },
          {
            "description": "Ranked units (and pairs) to list, as `--limit`.",
            "in": "query",
            "name": "limit",
            "schema": {
              "default": 20,
              "maximum": 100000,
              "minimum": 1,
              "type": "integer"
            }
          },
          {
            "$ref": "#/components/parameters/SearchDate"
          },
          {
            "description": "Also list ineligible units with their reasons, as `--include-ineligible`.",
            "in": "query",
            "name": "include_ineligible",
            "schema": {
              "default": false,
              "type": "boolean"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SearchReport"
                }
              }
            },
            "description": "cordmatch.search/1"
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "503": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "Rank the inventory's units for a stored recipient: exactly what `cordmatch search --recipient ID --format json` prints. Viewer."
      }
    },
    "/api/v1/recipients/{id}/units/{unit}": {
      "get": {
        "operationId": "explainUnit",
        "parameters": [
          {
            "$ref": "#/components/parameters/RecipientID"
          },
          {
            "$ref": "#/components/parameters/UnitID"
          },
          {
            "$ref": "#/components/parameters/SearchDate"
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExplanationReport"
                }
              }
            },
            "description": "cordmatch.explain/1"
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "503": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "Explain one unit for a stored recipient: what `cordmatch explain --format json` prints. Viewer."
      }
    },
    "/api/v1/rematch/latest": {
      "get": {
        "operationId": "latestRematch",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RematchReport"
                }
              }
            },
            "description": "cordmatch.rematch/1"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "The latest finished nightly rematch run's report: what `cordmatch rematch --report-only --format json` prints. Viewer."
      }
    },
    "/api/v1/requests": {
      "get": {
        "operationId": "listRequests",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RequestList"
                }
              }
            },
            "description": "cordmatch.requests/1"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "Every recorded request. Viewer."
      }
    },
    "/api/v1/search": {
      "post": {
        "operationId": "searchAdHoc",
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AdHocSearch"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SearchReport"
                }
              }
            },
            "description": "cordmatch.search/1"
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "503": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "Search for a recipient who is not stored (the typing goes in the body, never in a URL): what `cordmatch search --hla … --format json` prints. Viewer."
      }
    },
    "/api/v1/users": {
      "get": {
        "operationId": "listUsers",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UserList"
                }
              }
            },
            "description": "cordmatch.users/1"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "summary": "The accounts (no password hashes). Admin."
      }
    }
  },
  "security": [
    {
      "bearer": []
    },
    {
      "session": []
    }
  ],
  "servers": [
    {
      "url": "/"
    }
  ]
}
"""#
}
