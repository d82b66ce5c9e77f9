/// The OpenAPI 3.1 document `persist serve` follows, served at `/openapi.json`. Generated from
/// `docs/openapi.json` by `scripts/generate-openapi` (a test keeps the two identical).
enum OpenAPIDocument {
    static let json = #"""
{
 "components": {
  "schemas": {
   "BudgetAlerts": {
    "additionalProperties": false,
    "properties": {
     "alerts": {
      "items": {
       "additionalProperties": false,
       "properties": {
        "available": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        },
        "category": {
         "type": "string"
        },
        "new": {
         "type": "boolean"
        },
        "percent": {
         "type": "integer"
        },
        "recorded_at": {
         "type": "integer"
        },
        "spent": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        },
        "used": {
         "type": "number"
        }
       },
       "required": [
        "category",
        "percent",
        "spent",
        "available",
        "recorded_at",
        "new"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "month": {
      "type": "string"
     },
     "thresholds": {
      "items": {
       "type": "integer"
      },
      "type": "array"
     },
     "user": {
      "type": "string"
     }
    },
    "required": [
     "user",
     "month",
     "thresholds",
     "alerts"
    ],
    "type": "object"
   },
   "BudgetMove": {
    "additionalProperties": false,
    "properties": {
     "amount": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "from": {
      "type": "string"
     },
     "from_limit": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "month": {
      "type": "string"
     },
     "to": {
      "type": "string"
     },
     "to_limit": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "user": {
      "type": "string"
     }
    },
    "required": [
     "user",
     "month",
     "from",
     "to",
     "amount",
     "from_limit",
     "to_limit"
    ],
    "type": "object"
   },
   "BudgetReport": {
    "additionalProperties": false,
    "properties": {
     "available": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "carried": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "limit": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "lines": {
      "items": {
       "additionalProperties": false,
       "properties": {
        "available": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        },
        "carried": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        },
        "category": {
         "type": "string"
        },
        "color": {
         "type": "string"
        },
        "count": {
         "type": "integer"
        },
        "limit": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        },
        "moved": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        },
        "remaining": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        },
        "spent": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        },
        "used": {
         "type": "number"
        }
       },
       "required": [
        "category",
        "color",
        "moved",
        "carried",
        "spent",
        "count"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "month": {
      "type": "string"
     },
     "remaining": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "spent": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "unbudgeted": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "used": {
      "type": "number"
     },
     "user": {
      "type": "string"
     }
    },
    "required": [
     "user",
     "month",
     "limit",
     "carried",
     "available",
     "spent",
     "remaining",
     "unbudgeted",
     "lines"
    ],
    "type": "object"
   },
   "BudgetSetting": {
    "additionalProperties": false,
    "properties": {
     "category": {
      "type": "string"
     },
     "every_month": {
      "type": "boolean"
     },
     "limit": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "month": {
      "type": "string"
     },
     "rollover": {
      "type": "boolean"
     },
     "user": {
      "type": "string"
     }
    },
    "required": [
     "user",
     "category",
     "month",
     "limit",
     "every_month",
     "rollover"
    ],
    "type": "object"
   },
   "Category": {
    "additionalProperties": false,
    "properties": {
     "color": {
      "pattern": "^#[0-9A-Fa-f]{6}$",
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "shared": {
      "type": "boolean"
     }
    },
    "required": [
     "id",
     "name",
     "color",
     "shared"
    ],
    "type": "object"
   },
   "Deleted": {
    "additionalProperties": false,
    "properties": {
     "deleted": {
      "items": {
       "$ref": "#/components/schemas/Expense"
      },
      "type": "array"
     }
    },
    "required": [
     "deleted"
    ],
    "type": "object"
   },
   "Expense": {
    "additionalProperties": false,
    "properties": {
     "amount": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "date": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "user": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "date",
     "user",
     "category",
     "amount",
     "description"
    ],
    "type": "object"
   },
   "ExpenseChanges": {
    "properties": {
     "amount": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "date": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     },
     "description": {
      "type": "string"
     }
    },
    "required": [],
    "type": "object"
   },
   "ExpensePage": {
    "additionalProperties": false,
    "properties": {
     "items": {
      "items": {
       "$ref": "#/components/schemas/Expense"
      },
      "type": "array"
     },
     "limit": {
      "type": "integer"
     },
     "next_offset": {
      "type": "integer"
     },
     "offset": {
      "type": "integer"
     }
    },
    "required": [
     "items",
     "limit",
     "offset"
    ],
    "type": "object"
   },
   "Health": {
    "additionalProperties": false,
    "properties": {
     "status": {
      "type": "string"
     }
    },
    "required": [
     "status"
    ],
    "type": "object"
   },
   "ImportSummary": {
    "additionalProperties": false,
    "properties": {
     "createdCategories": {
      "type": "integer"
     },
     "createdUsers": {
      "type": "integer"
     },
     "fingerprint": {
      "type": "string"
     },
     "rows": {
      "type": "integer"
     },
     "total": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     }
    },
    "required": [
     "rows",
     "total",
     "createdUsers",
     "createdCategories",
     "fingerprint"
    ],
    "type": "object"
   },
   "Merge": {
    "properties": {
     "into": {
      "type": "string"
     }
    },
    "required": [
     "into"
    ],
    "type": "object"
   },
   "Merged": {
    "additionalProperties": false,
    "properties": {
     "moved": {
      "type": "integer"
     }
    },
    "required": [
     "moved"
    ],
    "type": "object"
   },
   "MonthlyReport": {
    "additionalProperties": false,
    "properties": {
     "categories": {
      "items": {
       "additionalProperties": false,
       "properties": {
        "category": {
         "type": "string"
        },
        "color": {
         "type": "string"
        },
        "count": {
         "type": "integer"
        },
        "share": {
         "type": "number"
        },
        "total": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        }
       },
       "required": [
        "category",
        "color",
        "count",
        "total",
        "share"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "count": {
      "type": "integer"
     },
     "month": {
      "type": "string"
     },
     "total": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "user": {
      "type": "string"
     }
    },
    "required": [
     "user",
     "month",
     "count",
     "total",
     "categories"
    ],
    "type": "object"
   },
   "NewBudget": {
    "properties": {
     "amount": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "every_month": {
      "type": "boolean"
     },
     "month": {
      "type": "string"
     },
     "rollover": {
      "type": "boolean"
     }
    },
    "required": [
     "category",
     "month",
     "amount"
    ],
    "type": "object"
   },
   "NewBudgetMove": {
    "properties": {
     "amount": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "from": {
      "type": "string"
     },
     "month": {
      "type": "string"
     },
     "to": {
      "type": "string"
     }
    },
    "required": [
     "from",
     "to",
     "amount",
     "month"
    ],
    "type": "object"
   },
   "NewCategory": {
    "properties": {
     "color": {
      "type": "string"
     },
     "name": {
      "type": "string"
     }
    },
    "required": [
     "name"
    ],
    "type": "object"
   },
   "NewExpense": {
    "properties": {
     "amount": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "date": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     },
     "description": {
      "type": "string"
     }
    },
    "required": [
     "category",
     "amount",
     "description"
    ],
    "type": "object"
   },
   "NewRecurring": {
    "properties": {
     "amount": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "every": {
      "enum": [
       "weekly",
       "monthly",
       "yearly"
      ],
      "type": "string"
     },
     "from": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     },
     "until": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     }
    },
    "required": [
     "category",
     "amount",
     "description",
     "every",
     "from"
    ],
    "type": "object"
   },
   "NewTransfer": {
    "properties": {
     "amount": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "date": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     },
     "from": {
      "type": "string"
     },
     "to": {
      "type": "string"
     }
    },
    "required": [
     "from",
     "to",
     "amount"
    ],
    "type": "object"
   },
   "Problem": {
    "additionalProperties": false,
    "properties": {
     "code": {
      "type": "string"
     },
     "detail": {
      "type": "string"
     },
     "field": {
      "type": "string"
     },
     "retry_after": {
      "type": "integer"
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
     "status",
     "code",
     "title",
     "detail"
    ],
    "type": "object"
   },
   "Recolor": {
    "properties": {
     "color": {
      "type": "string"
     }
    },
    "required": [
     "color"
    ],
    "type": "object"
   },
   "RecurringRule": {
    "additionalProperties": false,
    "properties": {
     "amount": {
      "examples": [
       "12.50"
      ],
      "pattern": "^-?[0-9]+\\.[0-9]{2}$",
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "ends_on": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     },
     "frequency": {
      "enum": [
       "weekly",
       "monthly",
       "yearly"
      ],
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "last_occurrence": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     },
     "paused": {
      "type": "boolean"
     },
     "paused_on": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     },
     "posted": {
      "type": "integer"
     },
     "skipped": {
      "type": "integer"
     },
     "starts_on": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     },
     "user": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "user",
     "category",
     "amount",
     "description",
     "frequency",
     "starts_on",
     "paused",
     "posted",
     "skipped"
    ],
    "type": "object"
   },
   "RecurringRun": {
    "additionalProperties": false,
    "properties": {
     "posted": {
      "items": {
       "$ref": "#/components/schemas/Expense"
      },
      "type": "array"
     },
     "rules": {
      "type": "integer"
     },
     "until": {
      "examples": [
       "2024-01-05"
      ],
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "type": "string"
     }
    },
    "required": [
     "until",
     "rules",
     "posted"
    ],
    "type": "object"
   },
   "Session": {
    "additionalProperties": false,
    "properties": {
     "expires_at": {
      "format": "date-time",
      "type": "string"
     },
     "token": {
      "maxLength": 43,
      "minLength": 43,
      "type": "string"
     },
     "user": {
      "$ref": "#/components/schemas/User"
     }
    },
    "required": [
     "user",
     "token",
     "expires_at"
    ],
    "type": "object"
   },
   "SignIn": {
    "additionalProperties": false,
    "properties": {
     "email": {
      "type": "string"
     },
     "password": {
      "type": "string"
     }
    },
    "required": [
     "email",
     "password"
    ],
    "type": "object"
   },
   "SignUp": {
    "additionalProperties": false,
    "properties": {
     "email": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "password": {
      "type": "string"
     }
    },
    "required": [
     "email",
     "name",
     "password"
    ],
    "type": "object"
   },
   "SpendingTrend": {
    "additionalProperties": false,
    "properties": {
     "categories": {
      "items": {
       "additionalProperties": false,
       "properties": {
        "category": {
         "type": "string"
        },
        "color": {
         "type": "string"
        },
        "total": {
         "examples": [
          "12.50"
         ],
         "pattern": "^-?[0-9]+\\.[0-9]{2}$",
         "type": "string"
        },
        "totals": {
         "items": {
          "examples": [
           "12.50"
          ],
          "pattern": "^-?[0-9]+\\.[0-9]{2}$",
          "type": "string"
         },
         "type": "array"
        }
       },
       "required": [
        "category",
        "color",
        "totals",
        "total"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "months": {
      "items": {
       "type": "string"
      },
      "type": "array"
     },
     "totals": {
      "items": {
       "examples": [
        "12.50"
       ],
       "pattern": "^-?[0-9]+\\.[0-9]{2}$",
       "type": "string"
      },
      "type": "array"
     },
     "user": {
      "type": "string"
     }
    },
    "required": [
     "user",
     "months",
     "totals",
     "categories"
    ],
    "type": "object"
   },
   "Thresholds": {
    "properties": {
     "thresholds": {
      "items": {
       "maximum": 1000,
       "minimum": 1,
       "type": "integer"
      },
      "maxItems": 10,
      "minItems": 1,
      "type": "array"
     }
    },
    "required": [
     "thresholds"
    ],
    "type": "object"
   },
   "Transfer": {
    "additionalProperties": false,
    "properties": {
     "credit": {
      "$ref": "#/components/schemas/Expense"
     },
     "debit": {
      "$ref": "#/components/schemas/Expense"
     }
    },
    "required": [
     "debit",
     "credit"
    ],
    "type": "object"
   },
   "User": {
    "additionalProperties": false,
    "properties": {
     "email": {
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "email",
     "name"
    ],
    "type": "object"
   },
   "Verification": {
    "additionalProperties": false,
    "properties": {
     "categories": {
      "items": {
       "additionalProperties": false,
       "properties": {
        "agrees": {
         "type": "boolean"
        },
        "category": {
         "type": "string"
        },
        "database": {
         "type": "string"
        },
        "ledger": {
         "type": "string"
        }
       },
       "required": [
        "category",
        "agrees"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "month": {
      "type": "string"
     },
     "user": {
      "type": "string"
     },
     "verified": {
      "type": "boolean"
     }
    },
    "required": [
     "user",
     "month",
     "verified",
     "categories"
    ],
    "type": "object"
   }
  },
  "securitySchemes": {
   "bearer": {
    "scheme": "bearer",
    "type": "http"
   },
   "cookie": {
    "in": "cookie",
    "name": "persist_session",
    "type": "apiKey"
   }
  }
 },
 "info": {
  "description": "The budget tracker as a multi-user JSON API. Each signed-in user reaches only their own data. Amounts and dates are strings. Errors are RFC 9457 problem details.",
  "title": "persist serve",
  "version": "0.1.0"
 },
 "openapi": "3.1.0",
 "paths": {
  "/api/budgets": {
   "put": {
    "operationId": "setBudget",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/NewBudget"
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
         "$ref": "#/components/schemas/BudgetSetting"
        }
       }
      },
      "description": "Set"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Set a category's limit for a month, or from a month on (every_month)"
   }
  },
  "/api/budgets/alerts": {
   "post": {
    "operationId": "budgetAlerts",
    "parameters": [
     {
      "description": "YYYY-MM",
      "in": "query",
      "name": "month",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/BudgetAlerts"
        }
       }
      },
      "description": "The alerts"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Check a month against your thresholds; new alerts are recorded once"
   }
  },
  "/api/budgets/moves": {
   "post": {
    "operationId": "moveBudget",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/NewBudgetMove"
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
         "$ref": "#/components/schemas/BudgetMove"
        }
       }
      },
      "description": "Moved"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Move budget between two categories' limits of a month; the month's total is unchanged"
   }
  },
  "/api/budgets/thresholds": {
   "put": {
    "operationId": "setThresholds",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Thresholds"
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
         "$ref": "#/components/schemas/Thresholds"
        }
       }
      },
      "description": "Set"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Replace your alert thresholds (percent of a month's available budget; 80 and 100 until set)"
   }
  },
  "/api/categories": {
   "get": {
    "operationId": "listCategories",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "items": {
          "$ref": "#/components/schemas/Category"
         },
         "type": "array"
        }
       }
      },
      "description": "By name"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "The shared categories and your own"
   },
   "post": {
    "operationId": "addCategory",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/NewCategory"
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
         "$ref": "#/components/schemas/Category"
        }
       }
      },
      "description": "Added"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Add a category of your own"
   }
  },
  "/api/categories/{name}": {
   "delete": {
    "operationId": "deleteCategory",
    "parameters": [
     {
      "in": "path",
      "name": "name",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Deleted"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Delete one of your own categories that none of your expenses uses"
   },
   "patch": {
    "operationId": "recolorCategory",
    "parameters": [
     {
      "in": "path",
      "name": "name",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Recolor"
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
         "$ref": "#/components/schemas/Category"
        }
       }
      },
      "description": "Recoloured"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Recolour one of your own categories"
   }
  },
  "/api/categories/{name}/merge": {
   "post": {
    "operationId": "mergeCategory",
    "parameters": [
     {
      "in": "path",
      "name": "name",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Merge"
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
         "$ref": "#/components/schemas/Merged"
        }
       }
      },
      "description": "Merged"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Move your expenses from one of your own categories into another and delete it"
   }
  },
  "/api/expenses": {
   "get": {
    "operationId": "listExpenses",
    "parameters": [
     {
      "description": "YYYY-MM",
      "in": "query",
      "name": "month",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "first day, YYYY-MM-DD",
      "in": "query",
      "name": "from",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "last day",
      "in": "query",
      "name": "to",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "category name",
      "in": "query",
      "name": "category",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "text in the description",
      "in": "query",
      "name": "q",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "page size (50)",
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "description": "expenses to skip",
      "in": "query",
      "name": "offset",
      "required": false,
      "schema": {
       "maximum": 1000000,
       "minimum": 0,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ExpensePage"
        }
       }
      },
      "description": "A page"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Your expenses, newest first, a page at a time"
   },
   "post": {
    "operationId": "addExpense",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/NewExpense"
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
         "$ref": "#/components/schemas/Expense"
        }
       }
      },
      "description": "Recorded",
      "headers": {
       "Location": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Record an expense"
   }
  },
  "/api/expenses/{id}": {
   "delete": {
    "operationId": "deleteExpense",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Deleted"
        }
       }
      },
      "description": "Deleted"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Delete one of your expenses (a transfer: both legs)"
   },
   "get": {
    "operationId": "getExpense",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Expense"
        }
       }
      },
      "description": "The expense"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "One of your expenses"
   },
   "patch": {
    "operationId": "updateExpense",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ExpenseChanges"
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
         "$ref": "#/components/schemas/Expense"
        }
       }
      },
      "description": "Changed"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Change one of your expenses"
   }
  },
  "/api/export": {
   "get": {
    "operationId": "exportLedger",
    "parameters": [
     {
      "description": "YYYY-MM",
      "in": "query",
      "name": "month",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "first day, YYYY-MM-DD",
      "in": "query",
      "name": "from",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "last day",
      "in": "query",
      "name": "to",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "category name",
      "in": "query",
      "name": "category",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "text in the description",
      "in": "query",
      "name": "q",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "CSV"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Your expenses as a ledger CSV, oldest first"
   }
  },
  "/api/imports": {
   "post": {
    "operationId": "importLedger",
    "parameters": [
     {
      "description": "make unknown categories your own",
      "in": "query",
      "name": "create_missing",
      "required": false,
      "schema": {
       "type": "boolean"
      }
     },
     {
      "description": "import a file imported before",
      "in": "query",
      "name": "again",
      "required": false,
      "schema": {
       "type": "boolean"
      }
     }
    ],
    "requestBody": {
     "content": {
      "text/csv": {
       "schema": {
        "type": "string"
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
         "$ref": "#/components/schemas/ImportSummary"
        }
       }
      },
      "description": "Imported"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Import a ledger CSV of your own expenses, all or nothing"
   }
  },
  "/api/login": {
   "post": {
    "operationId": "signIn",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SignIn"
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
         "$ref": "#/components/schemas/Session"
        }
       }
      },
      "description": "Signed in; the token is also set as the persist_session cookie"
     },
     "default": {
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
    "security": [],
    "summary": "Sign in"
   }
  },
  "/api/logout": {
   "post": {
    "operationId": "signOut",
    "responses": {
     "204": {
      "description": "Signed out (also when no session was open)"
     },
     "default": {
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
    "security": [],
    "summary": "End this session"
   }
  },
  "/api/me": {
   "get": {
    "operationId": "me",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/User"
        }
       }
      },
      "description": "The user"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Who is signed in"
   }
  },
  "/api/recurring": {
   "get": {
    "operationId": "listRecurring",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "items": {
          "$ref": "#/components/schemas/RecurringRule"
         },
         "type": "array"
        }
       }
      },
      "description": "By id"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Your recurring expenses"
   },
   "post": {
    "operationId": "addRecurring",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/NewRecurring"
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
         "$ref": "#/components/schemas/RecurringRule"
        }
       }
      },
      "description": "Added"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Add a recurring expense"
   }
  },
  "/api/recurring/run": {
   "post": {
    "operationId": "runRecurring",
    "parameters": [
     {
      "description": "YYYY-MM-DD (today), at most a year ahead",
      "in": "query",
      "name": "until",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/RecurringRun"
        }
       }
      },
      "description": "What was posted"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Post what your recurring expenses have due, each occurrence once"
   }
  },
  "/api/recurring/{id}": {
   "delete": {
    "operationId": "deleteRecurring",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Deleted"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Delete one of your recurring expenses; what it posted stays"
   }
  },
  "/api/recurring/{id}/pause": {
   "post": {
    "operationId": "pauseRecurring",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/RecurringRule"
        }
       }
      },
      "description": "Paused"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Pause one of your recurring expenses"
   }
  },
  "/api/recurring/{id}/resume": {
   "post": {
    "operationId": "resumeRecurring",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/RecurringRule"
        }
       }
      },
      "description": "Resumed"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Resume one of your recurring expenses; what fell due while paused is skipped"
   }
  },
  "/api/reports/budget": {
   "get": {
    "operationId": "budgetReport",
    "parameters": [
     {
      "description": "YYYY-MM",
      "in": "query",
      "name": "month",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/BudgetReport"
        }
       }
      },
      "description": "The report"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Your month against your limits: per category limit, carried, available, spent, remaining, % used"
   }
  },
  "/api/reports/monthly": {
   "get": {
    "operationId": "monthlyReport",
    "parameters": [
     {
      "description": "YYYY-MM",
      "in": "query",
      "name": "month",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MonthlyReport"
        }
       }
      },
      "description": "The report"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Your spending in one month per category"
   }
  },
  "/api/reports/trend": {
   "get": {
    "operationId": "trend",
    "parameters": [
     {
      "description": "how many months (12)",
      "in": "query",
      "name": "months",
      "required": false,
      "schema": {
       "maximum": 120,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "description": "last month, YYYY-MM",
      "in": "query",
      "name": "until",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SpendingTrend"
        }
       }
      },
      "description": "The trend"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Your spending month by month"
   }
  },
  "/api/signup": {
   "post": {
    "operationId": "signUp",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/SignUp"
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
         "$ref": "#/components/schemas/Session"
        }
       }
      },
      "description": "Signed up; the token is also set as the persist_session cookie"
     },
     "default": {
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
    "security": [],
    "summary": "Create an account and sign in"
   }
  },
  "/api/transfers": {
   "post": {
    "operationId": "transfer",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/NewTransfer"
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
         "$ref": "#/components/schemas/Transfer"
        }
       }
      },
      "description": "Both legs"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Move an amount between two categories"
   }
  },
  "/api/verifications": {
   "post": {
    "operationId": "verify",
    "parameters": [
     {
      "description": "YYYY-MM",
      "in": "query",
      "name": "month",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "text/csv": {
       "schema": {
        "type": "string"
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
         "$ref": "#/components/schemas/Verification"
        }
       }
      },
      "description": "The comparison"
     },
     "default": {
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
    "security": [
     {
      "bearer": []
     },
     {
      "cookie": []
     }
    ],
    "summary": "Check your monthly report against your own ledger file"
   }
  },
  "/healthz": {
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
      "description": "Up"
     },
     "default": {
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
    "security": [],
    "summary": "The process answers"
   }
  },
  "/metrics": {
   "get": {
    "operationId": "metrics",
    "responses": {
     "200": {
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "Text format 0.0.4"
     },
     "default": {
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
    "security": [],
    "summary": "Prometheus metrics"
   }
  },
  "/openapi.json": {
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
      "description": "OpenAPI 3.1"
     },
     "default": {
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
    "security": [],
    "summary": "This document"
   }
  },
  "/readyz": {
   "get": {
    "operationId": "ready",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      },
      "description": "Ready"
     },
     "default": {
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
    "security": [],
    "summary": "The database answers with the expected schema"
   }
  }
 }
}
"""#
}
