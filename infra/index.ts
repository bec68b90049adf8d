import { loadConfig } from './config';
import { createStack } from './stack';

const outputs = createStack(loadConfig());

export const apiUrl = outputs.apiUrl;
export const docsUrl = outputs.docsUrl;
export const queueUrl = outputs.queueUrl;
export const dlqUrl = outputs.dlqUrl;
export const bucketName = outputs.bucketName;
export const dashboardUrl = outputs.dashboardUrl;
export const region = outputs.region;
export const clusterName = outputs.clusterName;
export const serviceName = outputs.serviceName;
export const apiLogGroup = outputs.apiLogGroup;
export const workerFunctionName = outputs.workerFunctionName;
export const workerLogGroup = outputs.workerLogGroup;
