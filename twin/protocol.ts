/*
 * The plugin protocol's messages as the twin reads and writes them: the types proto-loader-gen-types writes from
 * twin/plugin-protocol.proto (npm run protocol-types, run by postinstall into .gen/twin-protocol/, with the options
 * twin/plugin.ts loads the protocol with: field names as written, enums as strings, no defaults filled in), under the
 * names of the calls. A request is what arrives (`__Output`: bytes as Buffers, every field optional, as Terraform may
 * leave any out); a response is what the twin may send.
 */
export type {
  _tfplugin6_GetMetadata_Request__Output as GetMetadataRequest,
  _tfplugin6_GetMetadata_Response as GetMetadataResponse,
} from "../.gen/twin-protocol/tfplugin6/GetMetadata";
export type {
  _tfplugin6_GetProviderSchema_Request__Output as GetProviderSchemaRequest,
  _tfplugin6_GetProviderSchema_Response as GetProviderSchemaResponse,
} from "../.gen/twin-protocol/tfplugin6/GetProviderSchema";
export type {
  _tfplugin6_ValidateProviderConfig_Request__Output as ValidateProviderConfigRequest,
  _tfplugin6_ValidateProviderConfig_Response as ValidateProviderConfigResponse,
} from "../.gen/twin-protocol/tfplugin6/ValidateProviderConfig";
export type {
  _tfplugin6_ValidateResourceConfig_Request__Output as ValidateResourceConfigRequest,
  _tfplugin6_ValidateResourceConfig_Response as ValidateResourceConfigResponse,
} from "../.gen/twin-protocol/tfplugin6/ValidateResourceConfig";
export type {
  _tfplugin6_ValidateDataResourceConfig_Request__Output as ValidateDataResourceConfigRequest,
  _tfplugin6_ValidateDataResourceConfig_Response as ValidateDataResourceConfigResponse,
} from "../.gen/twin-protocol/tfplugin6/ValidateDataResourceConfig";
export type {
  _tfplugin6_UpgradeResourceState_Request__Output as UpgradeResourceStateRequest,
  _tfplugin6_UpgradeResourceState_Response as UpgradeResourceStateResponse,
} from "../.gen/twin-protocol/tfplugin6/UpgradeResourceState";
export type {
  _tfplugin6_ConfigureProvider_Request__Output as ConfigureProviderRequest,
  _tfplugin6_ConfigureProvider_Response as ConfigureProviderResponse,
} from "../.gen/twin-protocol/tfplugin6/ConfigureProvider";
export type {
  _tfplugin6_ReadResource_Request__Output as ReadResourceRequest,
  _tfplugin6_ReadResource_Response as ReadResourceResponse,
} from "../.gen/twin-protocol/tfplugin6/ReadResource";
export type {
  _tfplugin6_PlanResourceChange_Request__Output as PlanResourceChangeRequest,
  _tfplugin6_PlanResourceChange_Response as PlanResourceChangeResponse,
} from "../.gen/twin-protocol/tfplugin6/PlanResourceChange";
export type {
  _tfplugin6_ApplyResourceChange_Request__Output as ApplyResourceChangeRequest,
  _tfplugin6_ApplyResourceChange_Response as ApplyResourceChangeResponse,
} from "../.gen/twin-protocol/tfplugin6/ApplyResourceChange";
export type {
  _tfplugin6_ImportResourceState_Request__Output as ImportResourceStateRequest,
  _tfplugin6_ImportResourceState_Response as ImportResourceStateResponse,
} from "../.gen/twin-protocol/tfplugin6/ImportResourceState";
export type {
  _tfplugin6_ReadDataSource_Request__Output as ReadDataSourceRequest,
  _tfplugin6_ReadDataSource_Response as ReadDataSourceResponse,
} from "../.gen/twin-protocol/tfplugin6/ReadDataSource";
export type { ProtoGrpcType as PluginProtocol } from "../.gen/twin-protocol/plugin-protocol";
export type { ProtoGrpcType as GoPluginProtocol } from "../.gen/twin-protocol/go-plugin";
export type { ProviderHandlers } from "../.gen/twin-protocol/tfplugin6/Provider";
export type { GRPCControllerHandlers } from "../.gen/twin-protocol/plugin/GRPCController";
export type { Diagnostic, Diagnostic__Output as ReceivedDiagnostic } from "../.gen/twin-protocol/tfplugin6/Diagnostic";
export type { DynamicValue, DynamicValue__Output as ReceivedDynamicValue } from "../.gen/twin-protocol/tfplugin6/DynamicValue";
export type { Schema as WireSchema } from "../.gen/twin-protocol/tfplugin6/Schema";
export type {
  _tfplugin6_Schema_Attribute as WireAttribute,
  _tfplugin6_Schema_Block as WireBlock,
  _tfplugin6_Schema_NestedBlock_NestingMode as WireBlockNesting,
  _tfplugin6_Schema_Object_NestingMode as WireObjectNesting,
} from "../.gen/twin-protocol/tfplugin6/Schema";
