// Every resource of /api/v0, in document order. A new resource is one module beside these
// (schemas, handlers, descriptions), a line here and a route file re-exporting its handlers.
import type { ApiResource } from "../endpoint";
import { configuration } from "./configuration";
import { device, devices } from "./devices";
import { me } from "./me";
import { rule, rules } from "./rules";
import { user, users } from "./users";

export const apiResources: ApiResource[] = [me, users, user, devices, device, rules, rule, configuration];
