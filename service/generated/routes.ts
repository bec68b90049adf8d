/* tslint:disable */
/* eslint-disable */
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import type { TsoaRoute } from '@tsoa/runtime';
import {  fetchMiddlewares, ExpressTemplateService } from '@tsoa/runtime';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { ReviewsController } from './../reviews/reviews.controller';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { ProgressController } from './../progress/progress.controller';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { MonitorsController } from './../monitors/monitors.controller';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { ListsController } from './../lists/lists.controller';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { HealthController } from './../health/health.controller';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { VerificationController } from './../documents/verification.controller';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { DocumentsController } from './../documents/documents.controller';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { DirectUploadsController } from './../documents/direct-uploads.controller';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { DocumentEvidenceController } from './../cases/evidence.controller';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { CasesController } from './../cases/cases.controller';
import { expressAuthentication } from './../http/auth';
// @ts-ignore - no great way to install types from subpackage
import { iocContainer } from './../ioc';
import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Request as ExRequest, Response as ExResponse, RequestHandler, Router } from 'express';
const multer = require('multer');


const expressAuthenticationRecasted = expressAuthentication as (req: ExRequest, securityName: string, scopes?: string[], res?: ExResponse) => Promise<any>;


// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

const models: TsoaRoute.Models = {
    "Record_string.unknown_": {
        "dataType": "refAlias",
        "type": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"any"},"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ErrorBody": {
        "dataType": "refObject",
        "properties": {
            "code": {"dataType":"string","required":true},
            "message": {"dataType":"string","required":true},
            "request_id": {"dataType":"string"},
            "details": {"ref":"Record_string.unknown_"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Role": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["submitter"]},{"dataType":"enum","enums":["reviewer"]},{"dataType":"enum","enums":["admin"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Reviewer": {
        "dataType": "refObject",
        "properties": {
            "key_id": {"dataType":"string","required":true},
            "role": {"ref":"Role","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Decision": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["verified"]},{"dataType":"enum","enums":["review"]},{"dataType":"enum","enums":["rejected"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SeenVerdict": {
        "dataType": "refObject",
        "properties": {
            "verification_id": {"dataType":"string","required":true},
            "decision": {"ref":"Decision","required":true},
            "policy_version": {"dataType":"string","required":true},
            "score": {"dataType":"double","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ReviewDecision": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["verified"]},{"dataType":"enum","enums":["rejected"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ReviewEvidence": {
        "dataType": "refObject",
        "properties": {
            "decision": {"ref":"ReviewDecision","required":true},
            "reason_code": {"dataType":"string","required":true},
            "note": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "reviewer": {"ref":"Reviewer","required":true},
            "reviewed_at": {"dataType":"string","required":true},
            "seen": {"ref":"SeenVerdict","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Standing": {
        "dataType": "refObject",
        "properties": {
            "decision": {"dataType":"union","subSchemas":[{"ref":"Decision"},{"ref":"ReviewDecision"}],"required":true},
            "by": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["automatic"]},{"dataType":"enum","enums":["review"]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentReviewView": {
        "dataType": "refObject",
        "properties": {
            "document_id": {"dataType":"string","required":true},
            "review": {"ref":"ReviewEvidence","required":true},
            "standing": {"ref":"Standing","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentReviewRequest": {
        "dataType": "refObject",
        "properties": {
            "decision": {"ref":"ReviewDecision","required":true},
            "reason_code": {"dataType":"string","required":true},
            "note": {"dataType":"string"},
            "verification_id": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseDecision": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["pending"]},{"dataType":"enum","enums":["incomplete"]},{"dataType":"enum","enums":["verified"]},{"dataType":"enum","enums":["review"]},{"dataType":"enum","enums":["rejected"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseReviewEvidence": {
        "dataType": "refObject",
        "properties": {
            "decision": {"ref":"ReviewDecision","required":true},
            "reason_code": {"dataType":"string","required":true},
            "note": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "case_id": {"dataType":"string","required":true},
            "reviewer": {"ref":"Reviewer","required":true},
            "reviewed_at": {"dataType":"string","required":true},
            "seen": {"dataType":"nestedObjectLiteral","nestedProperties":{"documents":{"dataType":"array","array":{"dataType":"nestedObjectLiteral","nestedProperties":{"decision":{"dataType":"union","subSchemas":[{"ref":"Decision"},{"dataType":"enum","enums":[null]}],"required":true},"verification_id":{"dataType":"string","required":true},"document_id":{"dataType":"string","required":true}}},"required":true},"policy_version":{"dataType":"string","required":true},"decision":{"ref":"CaseDecision","required":true},"version":{"dataType":"string","required":true}},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Standing_CaseDecision_": {
        "dataType": "refObject",
        "properties": {
            "decision": {"dataType":"union","subSchemas":[{"ref":"CaseDecision"},{"ref":"ReviewDecision"}],"required":true},
            "by": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["automatic"]},{"dataType":"enum","enums":["review"]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseReviewView": {
        "dataType": "refObject",
        "properties": {
            "case_id": {"dataType":"string","required":true},
            "review": {"ref":"CaseReviewEvidence","required":true},
            "standing": {"ref":"Standing_CaseDecision_","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseReviewRequest": {
        "dataType": "refObject",
        "properties": {
            "decision": {"ref":"ReviewDecision","required":true},
            "reason_code": {"dataType":"string","required":true},
            "note": {"dataType":"string"},
            "version": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TaskState": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["queued"]},{"dataType":"enum","enums":["running"]},{"dataType":"enum","enums":["completed"]},{"dataType":"enum","enums":["failed"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "StageName": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["identify"]},{"dataType":"enum","enums":["text"]},{"dataType":"enum","enums":["classify"]},{"dataType":"enum","enums":["extract"]},{"dataType":"enum","enums":["forensics"]},{"dataType":"enum","enums":["registries"]},{"dataType":"enum","enums":["decide"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ErrorInfo": {
        "dataType": "refObject",
        "properties": {
            "code": {"dataType":"string","required":true},
            "message": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ProgressView": {
        "dataType": "refObject",
        "properties": {
            "task_id": {"dataType":"string","required":true},
            "document_id": {"dataType":"string","required":true},
            "state": {"ref":"TaskState","required":true},
            "stage": {"dataType":"union","subSchemas":[{"ref":"StageName"},{"dataType":"enum","enums":[null]}],"required":true},
            "percent": {"dataType":"double","required":true},
            "updated_at": {"dataType":"string","required":true},
            "error": {"dataType":"union","subSchemas":[{"ref":"ErrorInfo"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MonitoredCompany": {
        "dataType": "refObject",
        "properties": {
            "found": {"dataType":"boolean","required":true},
            "name": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "status": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "status_detail": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "registered_office": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MonitorView": {
        "dataType": "refObject",
        "properties": {
            "monitor_id": {"dataType":"string","required":true},
            "company_number": {"dataType":"string","required":true},
            "vat_number": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "status": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["active"]},{"dataType":"enum","enums":["stopped"]}],"required":true},
            "source": {"dataType":"string","required":true},
            "interval_hours": {"dataType":"double","required":true},
            "created_at": {"dataType":"string","required":true},
            "last_checked_at": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "next_check_at": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "stopped_at": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "last_error": {"dataType":"union","subSchemas":[{"dataType":"nestedObjectLiteral","nestedProperties":{"message":{"dataType":"string","required":true},"code":{"dataType":"string","required":true}}},{"dataType":"enum","enums":[null]}],"required":true},
            "company": {"dataType":"union","subSchemas":[{"ref":"MonitoredCompany"},{"dataType":"enum","enums":[null]}],"required":true},
            "vat_registered": {"dataType":"union","subSchemas":[{"dataType":"boolean"},{"dataType":"enum","enums":[null]}],"required":true},
            "officers_count": {"dataType":"union","subSchemas":[{"dataType":"double"},{"dataType":"enum","enums":[null]}],"required":true},
            "pscs_count": {"dataType":"union","subSchemas":[{"dataType":"double"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CreateMonitorRequest": {
        "dataType": "refObject",
        "properties": {
            "company_number": {"dataType":"string","required":true},
            "vat_number": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MonitorEventView": {
        "dataType": "refObject",
        "properties": {
            "event_id": {"dataType":"string","required":true},
            "monitor_id": {"dataType":"string","required":true},
            "type": {"dataType":"string","required":true},
            "company_number": {"dataType":"string","required":true},
            "summary": {"dataType":"string","required":true},
            "before": {"dataType":"any","required":true},
            "after": {"dataType":"any","required":true},
            "detected_at": {"dataType":"string","required":true},
            "delivery": {"dataType":"nestedObjectLiteral","nestedProperties":{"delivered_at":{"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},"last_status":{"dataType":"union","subSchemas":[{"dataType":"double"},{"dataType":"enum","enums":[null]}],"required":true},"attempts":{"dataType":"double","required":true},"state":{"dataType":"string","required":true}},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MonitorEventList": {
        "dataType": "refObject",
        "properties": {
            "monitor_id": {"dataType":"string","required":true},
            "events": {"dataType":"array","array":{"dataType":"refObject","ref":"MonitorEventView"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentStatus": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["queued"]},{"dataType":"enum","enums":["processing"]},{"dataType":"enum","enums":["completed"]},{"dataType":"enum","enums":["failed"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentType": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["certificate_of_incorporation"]},{"dataType":"enum","enums":["vat_registration_certificate"]},{"dataType":"enum","enums":["bank_statement"]},{"dataType":"enum","enums":["utility_bill"]},{"dataType":"enum","enums":["unknown"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentSummary": {
        "dataType": "refObject",
        "properties": {
            "document_id": {"dataType":"string","required":true},
            "filename": {"dataType":"string","required":true},
            "status": {"ref":"DocumentStatus","required":true},
            "content_type": {"dataType":"string","required":true},
            "size_bytes": {"dataType":"double","required":true},
            "pages": {"dataType":"union","subSchemas":[{"dataType":"double"},{"dataType":"enum","enums":[null]}],"required":true},
            "document_type": {"dataType":"union","subSchemas":[{"ref":"DocumentType"},{"dataType":"enum","enums":[null]}],"required":true},
            "decision": {"dataType":"union","subSchemas":[{"ref":"Decision"},{"dataType":"enum","enums":[null]}],"required":true},
            "review_decision": {"dataType":"union","subSchemas":[{"ref":"ReviewDecision"},{"dataType":"enum","enums":[null]}],"required":true},
            "reviewed_at": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "open_review": {"dataType":"boolean","required":true},
            "standing": {"dataType":"union","subSchemas":[{"ref":"Standing"},{"dataType":"enum","enums":[null]}],"required":true},
            "case_id": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "created_at": {"dataType":"string","required":true},
            "updated_at": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentList": {
        "dataType": "refObject",
        "properties": {
            "items": {"dataType":"array","array":{"dataType":"refObject","ref":"DocumentSummary"},"required":true},
            "next_cursor": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DecisionCounts": {
        "dataType": "refObject",
        "properties": {
            "total": {"dataType":"double","required":true},
            "verified": {"dataType":"double","required":true},
            "review": {"dataType":"double","required":true},
            "rejected": {"dataType":"double","required":true},
            "undecided": {"dataType":"double","required":true},
            "open_reviews": {"dataType":"double","required":true},
            "reviewed": {"dataType":"double","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentCounts": {
        "dataType": "refAlias",
        "type": {"ref":"DecisionCounts","validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseSummary": {
        "dataType": "refObject",
        "properties": {
            "case_id": {"dataType":"string","required":true},
            "reference": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "company_number": {"dataType":"string","required":true},
            "company_name": {"dataType":"string","required":true},
            "decision": {"dataType":"union","subSchemas":[{"ref":"CaseDecision"},{"dataType":"enum","enums":[null]}],"required":true},
            "review_decision": {"dataType":"union","subSchemas":[{"ref":"ReviewDecision"},{"dataType":"enum","enums":[null]}],"required":true},
            "reviewed_at": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "standing": {"dataType":"union","subSchemas":[{"ref":"Standing_CaseDecision_"},{"dataType":"enum","enums":[null]}],"required":true},
            "documents": {"dataType":"double","required":true},
            "created_at": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseList": {
        "dataType": "refObject",
        "properties": {
            "items": {"dataType":"array","array":{"dataType":"refObject","ref":"CaseSummary"},"required":true},
            "next_cursor": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MonitorSummary": {
        "dataType": "refObject",
        "properties": {
            "monitor_id": {"dataType":"string","required":true},
            "company_number": {"dataType":"string","required":true},
            "vat_number": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "status": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["active"]},{"dataType":"enum","enums":["stopped"]}],"required":true},
            "source": {"dataType":"string","required":true},
            "last_checked_at": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "last_event_at": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "created_at": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MonitorList": {
        "dataType": "refObject",
        "properties": {
            "items": {"dataType":"array","array":{"dataType":"refObject","ref":"MonitorSummary"},"required":true},
            "next_cursor": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Liveness": {
        "dataType": "refObject",
        "properties": {
            "status": {"dataType":"enum","enums":["ok"],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Record_DependencyName.up-or-down_": {
        "dataType": "refAlias",
        "type": {"dataType":"nestedObjectLiteral","nestedProperties":{"database":{"dataType":"union","subSchemas":[{"dataType":"enum","enums":["up"]},{"dataType":"enum","enums":["down"]}],"required":true},"storage":{"dataType":"union","subSchemas":[{"dataType":"enum","enums":["up"]},{"dataType":"enum","enums":["down"]}],"required":true},"queue":{"dataType":"union","subSchemas":[{"dataType":"enum","enums":["up"]},{"dataType":"enum","enums":["down"]}],"required":true}},"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Readiness": {
        "dataType": "refObject",
        "properties": {
            "status": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["ready"]},{"dataType":"enum","enums":["unavailable"]}],"required":true},
            "checks": {"ref":"Record_DependencyName.up-or-down_","required":true},
            "problems": {"dataType":"array","array":{"dataType":"string"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TaskAccepted": {
        "dataType": "refObject",
        "properties": {
            "task_id": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Claims": {
        "dataType": "refObject",
        "properties": {
            "company_number": {"dataType":"string"},
            "company_name": {"dataType":"string"},
            "vat_number": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "UploadAccepted": {
        "dataType": "refObject",
        "properties": {
            "document_id": {"dataType":"string","required":true},
            "task_id": {"dataType":"string","required":true},
            "status": {"dataType":"enum","enums":["queued"],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "UncertainRead": {
        "dataType": "refObject",
        "properties": {
            "field": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["postcode"]},{"dataType":"enum","enums":["vat_number"]},{"dataType":"enum","enums":["company_number"]},{"dataType":"enum","enums":["sort_code"]},{"dataType":"enum","enums":["account_number"]}],"required":true},
            "first": {"dataType":"string","required":true},
            "second": {"dataType":"string"},
            "kept": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["first"]},{"dataType":"enum","enums":["second"]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "PageInfo": {
        "dataType": "refObject",
        "properties": {
            "number": {"dataType":"double","required":true},
            "source": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["text_layer"]},{"dataType":"enum","enums":["ocr"]}],"required":true},
            "chars": {"dataType":"double","required":true},
            "ocr_confidence": {"dataType":"double"},
            "width": {"dataType":"double"},
            "height": {"dataType":"double"},
            "blur": {"dataType":"double"},
            "dpi": {"dataType":"double"},
            "deskew_degrees": {"dataType":"double"},
            "uncertain_reads": {"dataType":"array","array":{"dataType":"refObject","ref":"UncertainRead"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Classification": {
        "dataType": "refObject",
        "properties": {
            "confidence": {"dataType":"double","required":true},
            "reasons": {"dataType":"array","array":{"dataType":"string"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FieldCandidate": {
        "dataType": "refObject",
        "properties": {
            "value": {"dataType":"string","required":true},
            "confidence": {"dataType":"double","required":true},
            "page": {"dataType":"double","required":true},
            "reasons": {"dataType":"array","array":{"dataType":"string"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ExtractedField": {
        "dataType": "refObject",
        "properties": {
            "value": {"dataType":"string","required":true},
            "raw": {"dataType":"string"},
            "normalized": {"dataType":"string"},
            "confidence": {"dataType":"double","required":true},
            "source": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["rules"]},{"dataType":"enum","enums":["llm"]},{"dataType":"enum","enums":["rules+llm"]}],"required":true},
            "page": {"dataType":"union","subSchemas":[{"dataType":"double"},{"dataType":"enum","enums":[null]}],"required":true},
            "valid": {"dataType":"boolean"},
            "disagreement": {"dataType":"nestedObjectLiteral","nestedProperties":{"value":{"dataType":"string","required":true},"source":{"dataType":"union","subSchemas":[{"dataType":"enum","enums":["rules"]},{"dataType":"enum","enums":["llm"]}],"required":true}}},
            "reasons": {"dataType":"array","array":{"dataType":"string"}},
            "candidates": {"dataType":"array","array":{"dataType":"refObject","ref":"FieldCandidate"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Record_string.ExtractedField_": {
        "dataType": "refAlias",
        "type": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"ref":"ExtractedField"},"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CheckStatus": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["pass"]},{"dataType":"enum","enums":["warn"]},{"dataType":"enum","enums":["fail"]},{"dataType":"enum","enums":["not_applicable"]},{"dataType":"enum","enums":["error"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Check": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "status": {"ref":"CheckStatus","required":true},
            "reason_code": {"dataType":"string","required":true},
            "message": {"dataType":"string","required":true},
            "evidence": {"ref":"Record_string.unknown_","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DecisionReason": {
        "dataType": "refObject",
        "properties": {
            "code": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["rejecting_failure"]},{"dataType":"enum","enums":["blocking_failure"]},{"dataType":"enum","enums":["check_error"]},{"dataType":"enum","enums":["not_checked"]},{"dataType":"enum","enums":["untolerated_warning"]},{"dataType":"enum","enums":["no_anchor"]},{"dataType":"enum","enums":["score_below_threshold"]},{"dataType":"enum","enums":["all_conditions_met"]}],"required":true},
            "check_id": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "message": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Verification": {
        "dataType": "refObject",
        "properties": {
            "decision": {"ref":"Decision","required":true},
            "score": {"dataType":"double","required":true},
            "checks": {"dataType":"array","array":{"dataType":"refObject","ref":"Check"},"required":true},
            "reasons": {"dataType":"array","array":{"dataType":"refObject","ref":"DecisionReason"},"required":true},
            "decided_at": {"dataType":"string","required":true},
            "policy_version": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentView": {
        "dataType": "refObject",
        "properties": {
            "document_id": {"dataType":"string","required":true},
            "status": {"ref":"DocumentStatus","required":true},
            "filename": {"dataType":"string","required":true},
            "content_type": {"dataType":"string","required":true},
            "size_bytes": {"dataType":"double","required":true},
            "sha256": {"dataType":"string","required":true},
            "pages": {"dataType":"union","subSchemas":[{"dataType":"double"},{"dataType":"enum","enums":[null]}],"required":true},
            "created_at": {"dataType":"string","required":true},
            "updated_at": {"dataType":"string","required":true},
            "text": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "error": {"dataType":"union","subSchemas":[{"ref":"ErrorInfo"},{"dataType":"enum","enums":[null]}],"required":true},
            "claims": {"ref":"Claims","required":true},
            "task_id": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "page_info": {"dataType":"array","array":{"dataType":"refObject","ref":"PageInfo"},"required":true},
            "document_type": {"dataType":"union","subSchemas":[{"ref":"DocumentType"},{"dataType":"enum","enums":[null]}],"required":true},
            "classification": {"dataType":"union","subSchemas":[{"ref":"Classification"},{"dataType":"enum","enums":[null]}],"required":true},
            "fields": {"ref":"Record_string.ExtractedField_","required":true},
            "verification": {"dataType":"union","subSchemas":[{"ref":"Verification"},{"dataType":"enum","enums":[null]}],"required":true},
            "verification_id": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "review": {"dataType":"union","subSchemas":[{"ref":"ReviewEvidence"},{"dataType":"enum","enums":[null]}],"required":true},
            "standing": {"dataType":"union","subSchemas":[{"ref":"Standing"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Record_string.string_": {
        "dataType": "refAlias",
        "type": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"string"},"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DirectUpload": {
        "dataType": "refObject",
        "properties": {
            "key": {"dataType":"string","required":true},
            "url": {"dataType":"string","required":true},
            "fields": {"ref":"Record_string.string_","required":true},
            "expires_at": {"dataType":"string","required":true},
            "max_bytes": {"dataType":"double","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DirectUploadRequest": {
        "dataType": "refObject",
        "properties": {
            "content_type": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DirectUploadRegistration": {
        "dataType": "refObject",
        "properties": {
            "key": {"dataType":"string","required":true},
            "filename": {"dataType":"string"},
            "company_number": {"dataType":"string"},
            "company_name": {"dataType":"string"},
            "vat_number": {"dataType":"string"},
            "case_id": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "VerdictSummary": {
        "dataType": "refObject",
        "properties": {
            "decision": {"ref":"Decision","required":true},
            "score": {"dataType":"double","required":true},
            "policy_version": {"dataType":"string","required":true},
            "decided_at": {"dataType":"string","required":true},
            "reasons": {"dataType":"array","array":{"dataType":"refObject","ref":"DecisionReason"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ReplayedVerdict": {
        "dataType": "refObject",
        "properties": {
            "decision": {"ref":"Decision","required":true},
            "score": {"dataType":"double","required":true},
            "policy_version": {"dataType":"string","required":true},
            "decided_at": {"dataType":"string","required":true},
            "reasons": {"dataType":"array","array":{"dataType":"refObject","ref":"DecisionReason"},"required":true},
            "checks": {"dataType":"array","array":{"dataType":"refObject","ref":"Check"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CheckChange": {
        "dataType": "refObject",
        "properties": {
            "check_id": {"dataType":"string","required":true},
            "from": {"dataType":"union","subSchemas":[{"dataType":"nestedObjectLiteral","nestedProperties":{"reason_code":{"dataType":"string","required":true},"status":{"ref":"CheckStatus","required":true}}},{"dataType":"enum","enums":[null]}],"required":true},
            "to": {"dataType":"union","subSchemas":[{"dataType":"nestedObjectLiteral","nestedProperties":{"reason_code":{"dataType":"string","required":true},"status":{"ref":"CheckStatus","required":true}}},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentReplayView": {
        "dataType": "refObject",
        "properties": {
            "document_id": {"dataType":"string","required":true},
            "task_id": {"dataType":"string","required":true},
            "evidence_record_ids": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "original": {"ref":"VerdictSummary","required":true},
            "replayed": {"ref":"ReplayedVerdict","required":true},
            "reproduces_original": {"dataType":"boolean","required":true},
            "decision_changed": {"dataType":"boolean","required":true},
            "changed_checks": {"dataType":"array","array":{"dataType":"refObject","ref":"CheckChange"},"required":true},
            "why": {"dataType":"nestedObjectLiteral","nestedProperties":{"removed":{"dataType":"array","array":{"dataType":"refObject","ref":"DecisionReason"},"required":true},"added":{"dataType":"array","array":{"dataType":"refObject","ref":"DecisionReason"},"required":true}},"required":true},
            "review": {"dataType":"union","subSchemas":[{"ref":"ReviewEvidence"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Record_string.number_": {
        "dataType": "refAlias",
        "type": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"double"},"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "PolicyOverridesBody": {
        "dataType": "refObject",
        "properties": {
            "verified_min_score": {"dataType":"double"},
            "reject_on_fail": {"dataType":"array","array":{"dataType":"string"}},
            "tolerated_warnings": {"dataType":"array","array":{"dataType":"string"}},
            "anchors": {"dataType":"array","array":{"dataType":"array","array":{"dataType":"string"}}},
            "weights": {"ref":"Record_string.number_"},
            "pixel_thresholds": {"dataType":"nestedObjectLiteral","nestedProperties":{"copy_move":{"dataType":"double"},"compression":{"dataType":"double"},"background":{"dataType":"double"},"text_consistency":{"dataType":"double"}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ReplayRequest": {
        "dataType": "refObject",
        "properties": {
            "policy_version": {"dataType":"string"},
            "policy_overrides": {"ref":"PolicyOverridesBody"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "EvidenceRecordView": {
        "dataType": "refObject",
        "properties": {
            "evidence_id": {"dataType":"string","required":true},
            "task_id": {"dataType":"string","required":true},
            "kind": {"dataType":"string","required":true},
            "recorded_at": {"dataType":"string","required":true},
            "sha256": {"dataType":"string","required":true},
            "payload": {"ref":"Record_string.unknown_","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseClaims": {
        "dataType": "refObject",
        "properties": {
            "company_number": {"dataType":"string","required":true},
            "company_name": {"dataType":"string","required":true},
            "vat_number": {"dataType":"string"},
            "trading_address": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseDocumentView": {
        "dataType": "refObject",
        "properties": {
            "document_id": {"dataType":"string","required":true},
            "filename": {"dataType":"string","required":true},
            "status": {"ref":"DocumentStatus","required":true},
            "document_type": {"dataType":"union","subSchemas":[{"ref":"DocumentType"},{"dataType":"enum","enums":[null]}],"required":true},
            "decision": {"dataType":"union","subSchemas":[{"ref":"Decision"},{"dataType":"enum","enums":[null]}],"required":true},
            "score": {"dataType":"union","subSchemas":[{"dataType":"double"},{"dataType":"enum","enums":[null]}],"required":true},
            "policy_version": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "sha256": {"dataType":"string","required":true},
            "created_at": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseReason": {
        "dataType": "refObject",
        "properties": {
            "code": {"dataType":"string","required":true},
            "message": {"dataType":"string","required":true},
            "document_id": {"dataType":"string"},
            "check_id": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseDecisionView": {
        "dataType": "refObject",
        "properties": {
            "decision": {"ref":"CaseDecision","required":true},
            "reasons": {"dataType":"array","array":{"dataType":"refObject","ref":"CaseReason"},"required":true},
            "policy_version": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MatrixAttribute": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["legal_name"]},{"dataType":"enum","enums":["company_number"]},{"dataType":"enum","enums":["registered_address"]},{"dataType":"enum","enums":["trading_address"]},{"dataType":"enum","enums":["vat_number"]},{"dataType":"enum","enums":["incorporation_date"]},{"dataType":"enum","enums":["directors"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MatrixSource": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["document"]},{"dataType":"enum","enums":["claims"]},{"dataType":"enum","enums":["companies_house"]},{"dataType":"enum","enums":["hmrc"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CellStatus": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["agree"]},{"dataType":"enum","enums":["disagree"]},{"dataType":"enum","enums":["missing"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MatrixCell": {
        "dataType": "refObject",
        "properties": {
            "source": {"ref":"MatrixSource","required":true},
            "document_id": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "document_type": {"dataType":"union","subSchemas":[{"ref":"DocumentType"},{"dataType":"enum","enums":[null]}],"required":true},
            "value": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "normalised": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "status": {"ref":"CellStatus","required":true},
            "similarity": {"dataType":"union","subSchemas":[{"dataType":"double"},{"dataType":"enum","enums":[null]}],"required":true},
            "reference": {"dataType":"boolean","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MatrixRow": {
        "dataType": "refObject",
        "properties": {
            "attribute": {"ref":"MatrixAttribute","required":true},
            "reference_source": {"dataType":"union","subSchemas":[{"ref":"MatrixSource"},{"dataType":"enum","enums":[null]}],"required":true},
            "cells": {"dataType":"array","array":{"dataType":"refObject","ref":"MatrixCell"},"required":true},
            "consistent": {"dataType":"union","subSchemas":[{"dataType":"boolean"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "RegistrySnapshot": {
        "dataType": "refObject",
        "properties": {
            "evidence_id": {"dataType":"string","required":true},
            "fetched_at": {"dataType":"string","required":true},
            "etag": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "processing_date": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "consultation_number": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseView": {
        "dataType": "refObject",
        "properties": {
            "case_id": {"dataType":"string","required":true},
            "reference": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"enum","enums":[null]}],"required":true},
            "claims": {"ref":"CaseClaims","required":true},
            "required_document_types": {"dataType":"array","array":{"dataType":"refAlias","ref":"DocumentType"},"required":true},
            "created_at": {"dataType":"string","required":true},
            "version": {"dataType":"string","required":true},
            "review": {"dataType":"union","subSchemas":[{"ref":"CaseReviewEvidence"},{"dataType":"enum","enums":[null]}],"required":true},
            "standing": {"ref":"Standing_CaseDecision_","required":true},
            "documents": {"dataType":"array","array":{"dataType":"refObject","ref":"CaseDocumentView"},"required":true},
            "decision": {"ref":"CaseDecisionView","required":true},
            "matrix": {"dataType":"array","array":{"dataType":"refObject","ref":"MatrixRow"},"required":true},
            "checks": {"dataType":"array","array":{"dataType":"refObject","ref":"Check"},"required":true},
            "registries": {"dataType":"nestedObjectLiteral","nestedProperties":{"hmrc":{"dataType":"union","subSchemas":[{"ref":"RegistrySnapshot"},{"dataType":"enum","enums":[null]}],"required":true},"companies_house":{"dataType":"union","subSchemas":[{"ref":"RegistrySnapshot"},{"dataType":"enum","enums":[null]}],"required":true}},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CreateCaseRequest": {
        "dataType": "refObject",
        "properties": {
            "company_number": {"dataType":"string","required":true},
            "company_name": {"dataType":"string","required":true},
            "vat_number": {"dataType":"string"},
            "trading_address": {"dataType":"string"},
            "reference": {"dataType":"string"},
            "required_document_types": {"dataType":"array","array":{"dataType":"refAlias","ref":"DocumentType"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "AttachAccepted": {
        "dataType": "refObject",
        "properties": {
            "case_id": {"dataType":"string","required":true},
            "document_id": {"dataType":"string","required":true},
            "task_id": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "AttachDocumentRequest": {
        "dataType": "refObject",
        "properties": {
            "document_id": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DocumentReplay": {
        "dataType": "refObject",
        "properties": {
            "document_id": {"dataType":"string","required":true},
            "task_id": {"dataType":"string","required":true},
            "evidence_record_ids": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "original": {"ref":"VerdictSummary","required":true},
            "replayed": {"ref":"ReplayedVerdict","required":true},
            "reproduces_original": {"dataType":"boolean","required":true},
            "decision_changed": {"dataType":"boolean","required":true},
            "changed_checks": {"dataType":"array","array":{"dataType":"refObject","ref":"CheckChange"},"required":true},
            "why": {"dataType":"nestedObjectLiteral","nestedProperties":{"removed":{"dataType":"array","array":{"dataType":"refObject","ref":"DecisionReason"},"required":true},"added":{"dataType":"array","array":{"dataType":"refObject","ref":"DecisionReason"},"required":true}},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CaseReplayView": {
        "dataType": "refObject",
        "properties": {
            "case_id": {"dataType":"string","required":true},
            "policy_version": {"dataType":"string","required":true},
            "original": {"ref":"CaseDecisionView","required":true},
            "replayed": {"ref":"CaseDecisionView","required":true},
            "decision_changed": {"dataType":"boolean","required":true},
            "documents": {"dataType":"array","array":{"dataType":"refObject","ref":"DocumentReplay"},"required":true},
            "not_replayed": {"dataType":"array","array":{"dataType":"nestedObjectLiteral","nestedProperties":{"reason":{"dataType":"string","required":true},"document_id":{"dataType":"string","required":true}}},"required":true},
            "review": {"dataType":"union","subSchemas":[{"ref":"CaseReviewEvidence"},{"dataType":"enum","enums":[null]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
};
const templateService = new ExpressTemplateService(models, {"noImplicitAdditionalProperties":"throw-on-extras","bodyCoercion":true});

// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa




export function RegisterRoutes(app: Router,opts?:{multer?:ReturnType<typeof multer>}) {

    // ###########################################################################################################
    //  NOTE: If you do not see routes for all of your controllers in this file, then you might not have informed tsoa of where to look
    //      Please look into the "controllerPathGlobs" config option described in the readme: https://github.com/lukeautry/tsoa
    // ###########################################################################################################

    const upload = opts?.multer ||  multer({"limits":{"fileSize":8388608}});

    
        const argsReviewsController_reviewDocument: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                document_id: {"in":"path","name":"document_id","required":true,"dataType":"string"},
                body: {"in":"body","name":"body","required":true,"ref":"DocumentReviewRequest"},
        };
        app.post('/api/v1/documents/:document_id/review',
            authenticateMiddleware([{"api_key":["reviewer"]}]),
            ...(fetchMiddlewares<RequestHandler>(ReviewsController)),
            ...(fetchMiddlewares<RequestHandler>(ReviewsController.prototype.reviewDocument)),

            async function ReviewsController_reviewDocument(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsReviewsController_reviewDocument, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ReviewsController>(ReviewsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'reviewDocument',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsReviewsController_reviewCase: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                case_id: {"in":"path","name":"case_id","required":true,"dataType":"string"},
                body: {"in":"body","name":"body","required":true,"ref":"CaseReviewRequest"},
        };
        app.post('/api/v1/cases/:case_id/review',
            authenticateMiddleware([{"api_key":["reviewer"]}]),
            ...(fetchMiddlewares<RequestHandler>(ReviewsController)),
            ...(fetchMiddlewares<RequestHandler>(ReviewsController.prototype.reviewCase)),

            async function ReviewsController_reviewCase(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsReviewsController_reviewCase, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ReviewsController>(ReviewsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'reviewCase',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsProgressController_getProgress: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                task_id: {"in":"path","name":"task_id","required":true,"dataType":"string"},
                accept: {"in":"header","name":"accept","dataType":"string"},
        };
        app.get('/api/v1/progress/:task_id',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(ProgressController)),
            ...(fetchMiddlewares<RequestHandler>(ProgressController.prototype.getProgress)),

            async function ProgressController_getProgress(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsProgressController_getProgress, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ProgressController>(ProgressController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getProgress',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsMonitorsController_createMonitor: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                body: {"in":"body","name":"body","required":true,"ref":"CreateMonitorRequest"},
        };
        app.post('/api/v1/monitors',
            authenticateMiddleware([{"api_key":["submitter"]}]),
            ...(fetchMiddlewares<RequestHandler>(MonitorsController)),
            ...(fetchMiddlewares<RequestHandler>(MonitorsController.prototype.createMonitor)),

            async function MonitorsController_createMonitor(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsMonitorsController_createMonitor, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<MonitorsController>(MonitorsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'createMonitor',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 201,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsMonitorsController_getMonitor: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                monitor_id: {"in":"path","name":"monitor_id","required":true,"dataType":"string"},
        };
        app.get('/api/v1/monitors/:monitor_id',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(MonitorsController)),
            ...(fetchMiddlewares<RequestHandler>(MonitorsController.prototype.getMonitor)),

            async function MonitorsController_getMonitor(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsMonitorsController_getMonitor, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<MonitorsController>(MonitorsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getMonitor',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsMonitorsController_getMonitorEvents: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                monitor_id: {"in":"path","name":"monitor_id","required":true,"dataType":"string"},
                limit: {"in":"query","name":"limit","dataType":"double"},
        };
        app.get('/api/v1/monitors/:monitor_id/events',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(MonitorsController)),
            ...(fetchMiddlewares<RequestHandler>(MonitorsController.prototype.getMonitorEvents)),

            async function MonitorsController_getMonitorEvents(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsMonitorsController_getMonitorEvents, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<MonitorsController>(MonitorsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getMonitorEvents',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsMonitorsController_stopMonitor: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                monitor_id: {"in":"path","name":"monitor_id","required":true,"dataType":"string"},
        };
        app.delete('/api/v1/monitors/:monitor_id',
            authenticateMiddleware([{"api_key":["submitter"]}]),
            ...(fetchMiddlewares<RequestHandler>(MonitorsController)),
            ...(fetchMiddlewares<RequestHandler>(MonitorsController.prototype.stopMonitor)),

            async function MonitorsController_stopMonitor(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsMonitorsController_stopMonitor, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<MonitorsController>(MonitorsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'stopMonitor',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 204,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsListsController_listDocuments: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                limit: {"in":"query","name":"limit","dataType":"double"},
                cursor: {"in":"query","name":"cursor","dataType":"string"},
                status: {"in":"query","name":"status","ref":"DocumentStatus"},
                decision: {"in":"query","name":"decision","ref":"Decision"},
                document_type: {"in":"query","name":"document_type","ref":"DocumentType"},
                case_id: {"in":"query","name":"case_id","dataType":"string"},
                created_from: {"in":"query","name":"created_from","dataType":"string"},
                created_to: {"in":"query","name":"created_to","dataType":"string"},
                open_review: {"in":"query","name":"open_review","dataType":"boolean"},
        };
        app.get('/api/v1/documents',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(ListsController)),
            ...(fetchMiddlewares<RequestHandler>(ListsController.prototype.listDocuments)),

            async function ListsController_listDocuments(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsListsController_listDocuments, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ListsController>(ListsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listDocuments',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsListsController_countDocuments: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/api/v1/document-counts',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(ListsController)),
            ...(fetchMiddlewares<RequestHandler>(ListsController.prototype.countDocuments)),

            async function ListsController_countDocuments(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsListsController_countDocuments, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ListsController>(ListsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'countDocuments',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsListsController_listCases: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                limit: {"in":"query","name":"limit","dataType":"double"},
                cursor: {"in":"query","name":"cursor","dataType":"string"},
                decision: {"in":"query","name":"decision","ref":"CaseDecision"},
        };
        app.get('/api/v1/cases',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(ListsController)),
            ...(fetchMiddlewares<RequestHandler>(ListsController.prototype.listCases)),

            async function ListsController_listCases(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsListsController_listCases, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ListsController>(ListsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listCases',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsListsController_listMonitors: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                limit: {"in":"query","name":"limit","dataType":"double"},
                cursor: {"in":"query","name":"cursor","dataType":"string"},
                status: {"in":"query","name":"status","dataType":"union","subSchemas":[{"dataType":"enum","enums":["active"]},{"dataType":"enum","enums":["stopped"]}]},
                events_since: {"in":"query","name":"events_since","dataType":"string"},
        };
        app.get('/api/v1/monitors',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(ListsController)),
            ...(fetchMiddlewares<RequestHandler>(ListsController.prototype.listMonitors)),

            async function ListsController_listMonitors(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsListsController_listMonitors, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ListsController>(ListsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listMonitors',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsHealthController_getHealth: Record<string, TsoaRoute.ParameterSchema> = {
        };
        app.get('/health',
            ...(fetchMiddlewares<RequestHandler>(HealthController)),
            ...(fetchMiddlewares<RequestHandler>(HealthController.prototype.getHealth)),

            async function HealthController_getHealth(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsHealthController_getHealth, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<HealthController>(HealthController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getHealth',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsHealthController_getReady: Record<string, TsoaRoute.ParameterSchema> = {
        };
        app.get('/ready',
            ...(fetchMiddlewares<RequestHandler>(HealthController)),
            ...(fetchMiddlewares<RequestHandler>(HealthController.prototype.getReady)),

            async function HealthController_getReady(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsHealthController_getReady, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<HealthController>(HealthController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getReady',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsVerificationController_verify: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                document_id: {"in":"path","name":"document_id","required":true,"dataType":"string"},
                body: {"in":"body","name":"body","ref":"Claims"},
        };
        app.post('/api/v1/verification/:document_id',
            authenticateMiddleware([{"api_key":["submitter"]}]),
            ...(fetchMiddlewares<RequestHandler>(VerificationController)),
            ...(fetchMiddlewares<RequestHandler>(VerificationController.prototype.verify)),

            async function VerificationController_verify(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsVerificationController_verify, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<VerificationController>(VerificationController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'verify',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 202,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsDocumentsController_upload: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                file: {"in":"formData","name":"file","dataType":"file"},
                company_number: {"in":"formData","name":"company_number","dataType":"string"},
                company_name: {"in":"formData","name":"company_name","dataType":"string"},
                vat_number: {"in":"formData","name":"vat_number","dataType":"string"},
                case_id: {"in":"formData","name":"case_id","dataType":"string"},
        };
        app.post('/api/v1/documents/upload',
            authenticateMiddleware([{"api_key":["submitter"]}]),
            upload.fields([
                {
                    name: "file",
                    maxCount: 1
                }
            ]),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController)),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController.prototype.upload)),

            async function DocumentsController_upload(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsDocumentsController_upload, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<DocumentsController>(DocumentsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'upload',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 202,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsDocumentsController_getDocument: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                document_id: {"in":"path","name":"document_id","required":true,"dataType":"string"},
                notModified: {"in":"res","name":"304","required":true,"dataType":"void"},
                if_none_match: {"in":"header","name":"If-None-Match","dataType":"string"},
        };
        app.get('/api/v1/documents/:document_id',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController)),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController.prototype.getDocument)),

            async function DocumentsController_getDocument(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsDocumentsController_getDocument, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<DocumentsController>(DocumentsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getDocument',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 200,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsDocumentsController_deleteDocument: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                document_id: {"in":"path","name":"document_id","required":true,"dataType":"string"},
        };
        app.delete('/api/v1/documents/:document_id',
            authenticateMiddleware([{"api_key":["submitter"]}]),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController)),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController.prototype.deleteDocument)),

            async function DocumentsController_deleteDocument(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsDocumentsController_deleteDocument, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<DocumentsController>(DocumentsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'deleteDocument',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 204,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsDocumentsController_getOriginal: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                document_id: {"in":"path","name":"document_id","required":true,"dataType":"string"},
        };
        app.get('/api/v1/documents/:document_id/original',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController)),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController.prototype.getOriginal)),

            async function DocumentsController_getOriginal(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsDocumentsController_getOriginal, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<DocumentsController>(DocumentsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getOriginal',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 200,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsDocumentsController_getEvidenceImage: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                document_id: {"in":"path","name":"document_id","required":true,"dataType":"string"},
                name: {"in":"path","name":"name","required":true,"dataType":"string"},
        };
        app.get('/api/v1/documents/:document_id/evidence/:name',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController)),
            ...(fetchMiddlewares<RequestHandler>(DocumentsController.prototype.getEvidenceImage)),

            async function DocumentsController_getEvidenceImage(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsDocumentsController_getEvidenceImage, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<DocumentsController>(DocumentsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getEvidenceImage',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 200,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsDirectUploadsController_create: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                body: {"in":"body","name":"body","required":true,"ref":"DirectUploadRequest"},
        };
        app.post('/api/v1/direct-uploads',
            authenticateMiddleware([{"api_key":["submitter"]}]),
            ...(fetchMiddlewares<RequestHandler>(DirectUploadsController)),
            ...(fetchMiddlewares<RequestHandler>(DirectUploadsController.prototype.create)),

            async function DirectUploadsController_create(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsDirectUploadsController_create, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<DirectUploadsController>(DirectUploadsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'create',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 201,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsDirectUploadsController_register: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                body: {"in":"body","name":"body","required":true,"ref":"DirectUploadRegistration"},
        };
        app.post('/api/v1/direct-uploads/register',
            authenticateMiddleware([{"api_key":["submitter"]}]),
            ...(fetchMiddlewares<RequestHandler>(DirectUploadsController)),
            ...(fetchMiddlewares<RequestHandler>(DirectUploadsController.prototype.register)),

            async function DirectUploadsController_register(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsDirectUploadsController_register, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<DirectUploadsController>(DirectUploadsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'register',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 202,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsDocumentEvidenceController_replayDocument: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                document_id: {"in":"path","name":"document_id","required":true,"dataType":"string"},
                body: {"in":"body","name":"body","ref":"ReplayRequest"},
        };
        app.post('/api/v1/documents/:document_id/replay',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(DocumentEvidenceController)),
            ...(fetchMiddlewares<RequestHandler>(DocumentEvidenceController.prototype.replayDocument)),

            async function DocumentEvidenceController_replayDocument(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsDocumentEvidenceController_replayDocument, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<DocumentEvidenceController>(DocumentEvidenceController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'replayDocument',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsDocumentEvidenceController_getEvidence: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                document_id: {"in":"path","name":"document_id","required":true,"dataType":"string"},
        };
        app.get('/api/v1/documents/:document_id/evidence',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(DocumentEvidenceController)),
            ...(fetchMiddlewares<RequestHandler>(DocumentEvidenceController.prototype.getEvidence)),

            async function DocumentEvidenceController_getEvidence(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsDocumentEvidenceController_getEvidence, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<DocumentEvidenceController>(DocumentEvidenceController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getEvidence',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsCasesController_createCase: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                body: {"in":"body","name":"body","required":true,"ref":"CreateCaseRequest"},
        };
        app.post('/api/v1/cases',
            authenticateMiddleware([{"api_key":["submitter"]}]),
            ...(fetchMiddlewares<RequestHandler>(CasesController)),
            ...(fetchMiddlewares<RequestHandler>(CasesController.prototype.createCase)),

            async function CasesController_createCase(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsCasesController_createCase, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<CasesController>(CasesController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'createCase',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 201,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsCasesController_getCase: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                case_id: {"in":"path","name":"case_id","required":true,"dataType":"string"},
        };
        app.get('/api/v1/cases/:case_id',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(CasesController)),
            ...(fetchMiddlewares<RequestHandler>(CasesController.prototype.getCase)),

            async function CasesController_getCase(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsCasesController_getCase, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<CasesController>(CasesController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getCase',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsCasesController_attachDocument: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                case_id: {"in":"path","name":"case_id","required":true,"dataType":"string"},
                body: {"in":"body","name":"body","required":true,"ref":"AttachDocumentRequest"},
        };
        app.post('/api/v1/cases/:case_id/documents',
            authenticateMiddleware([{"api_key":["submitter"]}]),
            ...(fetchMiddlewares<RequestHandler>(CasesController)),
            ...(fetchMiddlewares<RequestHandler>(CasesController.prototype.attachDocument)),

            async function CasesController_attachDocument(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsCasesController_attachDocument, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<CasesController>(CasesController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'attachDocument',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 202,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsCasesController_replayCase: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                case_id: {"in":"path","name":"case_id","required":true,"dataType":"string"},
                body: {"in":"body","name":"body","ref":"ReplayRequest"},
        };
        app.post('/api/v1/cases/:case_id/replay',
            authenticateMiddleware([{"api_key":[]}]),
            ...(fetchMiddlewares<RequestHandler>(CasesController)),
            ...(fetchMiddlewares<RequestHandler>(CasesController.prototype.replayCase)),

            async function CasesController_replayCase(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsCasesController_replayCase, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<CasesController>(CasesController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'replayCase',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa


    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

    function authenticateMiddleware(security: TsoaRoute.Security[] = []) {
        return async function runAuthenticationMiddleware(request: any, response: any, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            // keep track of failed auth attempts so we can hand back the most
            // recent one.  This behavior was previously existing so preserving it
            // here
            const failedAttempts: any[] = [];
            const pushAndRethrow = (error: any) => {
                failedAttempts.push(error);
                throw error;
            };

            const secMethodOrPromises: Promise<any>[] = [];
            for (const secMethod of security) {
                if (Object.keys(secMethod).length > 1) {
                    const secMethodAndPromises: Promise<any>[] = [];

                    for (const name in secMethod) {
                        secMethodAndPromises.push(
                            expressAuthenticationRecasted(request, name, secMethod[name], response)
                                .catch(pushAndRethrow)
                        );
                    }

                    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

                    secMethodOrPromises.push(Promise.all(secMethodAndPromises)
                        .then(users => { return users[0]; }));
                } else {
                    for (const name in secMethod) {
                        secMethodOrPromises.push(
                            expressAuthenticationRecasted(request, name, secMethod[name], response)
                                .catch(pushAndRethrow)
                        );
                    }
                }
            }

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            try {
                request['user'] = await Promise.any(secMethodOrPromises);

                // Response was sent in middleware, abort
                if (response.writableEnded) {
                    return;
                }

                next();
            }
            catch(err) {
                // Show most recent error as response
                const error = failedAttempts.pop();
                error.status = error.status || 401;

                // Response was sent in middleware, abort
                if (response.writableEnded) {
                    return;
                }
                next(error);
            }

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        }
    }

    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
}

// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
