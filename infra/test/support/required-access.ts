/**
 * What each role must be allowed to do, derived from the code: every AWS SDK command that
 * worker/, service/ and cli/ send maps to the IAM actions it needs and the role that sends it.
 * A command the code starts sending without an entry here fails the tests, so the table cannot
 * fall behind the code; each entry is then checked against the roles the program builds.
 */

/** The resources a grant must name, resolved per stack by the tests. */
export type Target =
  | 'documents'
  | 'bucket'
  | 'key'
  | 'queue'
  | 'databaseSecret'
  | 'appUserSecret'
  | 'appSecrets'
  | 'repository'
  | 'logs'
  /** An action AWS accepts only on "*". */
  | 'account';
/** Roles of the program: the API's task role, ECS's execution role, the queue worker and the monitoring function. */
export type Role = 'apiTask' | 'apiExecution' | 'worker' | 'monitoring';

export interface Grant {
  role: Role;
  action: string;
  target: Target;
}

interface CommandAccess {
  /** Where it runs and why, for the reader. */
  use: string;
  grants: Grant[];
}

const both = (action: string, target: Target, roles: Role[]): Grant[] => roles.map((role) => ({ role, action, target }));

export const SDK_COMMANDS: Record<string, CommandAccess> = {
  PutObjectCommand: {
    use: 'API upload (S3 with SSE-KMS: the key makes a data key)',
    grants: [...both('s3:PutObject', 'documents', ['apiTask']), ...both('kms:GenerateDataKey', 'key', ['apiTask'])],
  },
  GetObjectCommand: {
    use: 'API original download and presigned URLs; worker reads the document',
    grants: [...both('s3:GetObject', 'documents', ['apiTask', 'worker']), ...both('kms:Decrypt', 'key', ['apiTask', 'worker'])],
  },
  DeleteObjectCommand: {
    use: 'API DELETE and the retention purge (maintenance runs in the API)',
    grants: both('s3:DeleteObject', 'documents', ['apiTask']),
  },
  HeadBucketCommand: { use: 'API /ready storage probe', grants: both('s3:ListBucket', 'bucket', ['apiTask']) },
  SendMessageCommand: { use: 'API enqueues jobs; the sweeper re-enqueues', grants: both('sqs:SendMessage', 'queue', ['apiTask']) },
  GetQueueAttributesCommand: {
    use: 'API /ready queue probe; the worker event source reads the queue',
    grants: both('sqs:GetQueueAttributes', 'queue', ['apiTask', 'worker']),
  },
  ChangeMessageVisibilityCommand: { use: 'worker extends a long job', grants: both('sqs:ChangeMessageVisibility', 'queue', ['worker']) },
  ReceiveMessageCommand: { use: "the worker's event source receives for it", grants: both('sqs:ReceiveMessage', 'queue', ['worker']) },
  DeleteMessageCommand: { use: "the worker's event source deletes handled jobs", grants: both('sqs:DeleteMessage', 'queue', ['worker']) },
  GetSecretValueCommand: {
    use: 'worker/secrets.ts at start (the API the master login for migrations; the functions every secret ARN they get) and, per new connection, the app user login every process serves with',
    grants: [
      ...both('secretsmanager:GetSecretValue', 'databaseSecret', ['apiTask']),
      ...both('secretsmanager:GetSecretValue', 'appUserSecret', ['apiTask', 'worker', 'monitoring']),
      ...both('secretsmanager:GetSecretValue', 'appSecrets', ['worker', 'monitoring']),
    ],
  },
  // `make redrive` runs with the operator's own credentials, never under a role of the stack.
  StartMessageMoveTaskCommand: { use: 'make redrive (operator)', grants: [] },
  ListMessageMoveTasksCommand: { use: 'make redrive (operator)', grants: [] },
  SendMessageBatchCommand: { use: 'make redrive (operator)', grants: [] },
  DeleteMessageBatchCommand: { use: 'make redrive (operator)', grants: [] },
};

/** What AWS itself does under a role, beyond the application's calls. */
export const PLATFORM_GRANTS: Grant[] = [
  // ECS logs in to the registry, pulls the image, writes the container log and resolves secrets[].valueFrom with the execution role.
  { role: 'apiExecution', action: 'ecr:GetAuthorizationToken', target: 'account' },
  ...['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'].map((action) => ({
    role: 'apiExecution' as const,
    action,
    target: 'repository' as const,
  })),
  { role: 'apiExecution', action: 'logs:PutLogEvents', target: 'logs' },
  { role: 'apiExecution', action: 'logs:CreateLogStream', target: 'logs' },
  { role: 'apiExecution', action: 'secretsmanager:GetSecretValue', target: 'appSecrets' },
  { role: 'worker', action: 'logs:PutLogEvents', target: 'logs' },
  { role: 'monitoring', action: 'logs:PutLogEvents', target: 'logs' },
];

export function requiredGrants(role: Role): Grant[] {
  return [...Object.values(SDK_COMMANDS).flatMap((c) => c.grants), ...PLATFORM_GRANTS].filter((g) => g.role === role);
}
