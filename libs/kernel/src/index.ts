export * from "./nir";
export * from "./domain-error";
export * from "./paris-time";
export * from "./sha256";
export * from "./access/permissions";
export * from "./access/roles";
export * from "./access/actor";
export * from "./access/access-denied.error";
