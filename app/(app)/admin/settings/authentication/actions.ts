"use server";

import { revalidatePath } from "next/cache";
import { canEditSettings } from "@/lib/auth/permissions";
import { defineAction } from "@/lib/server/action";
import { providerContext } from "@/lib/server/sso";
import { idpNetworkSchema, setPrivateIdpAddressesAllowed } from "@/lib/sso/idp-network";
import { createOidcProvider, createSamlProvider, deleteProvider, setLocalAuthEnabled, updateOidcProvider, updateSamlProvider } from "@/lib/sso/providers";
import { localAuthSchema, oidcProviderSchema, providerRefSchema, samlProviderSchema, updateOidcProviderSchema, updateSamlProviderSchema } from "@/lib/sso/schemas";

const PATH = "/admin/settings/authentication";
const done = () => {
  revalidatePath(PATH);
  revalidatePath("/login");
  return { saved: true };
};

export const createOidcProviderAction = defineAction({ input: oidcProviderSchema, authorize: canEditSettings }, async (input, { actor }) => {
  await createOidcProvider(providerContext(actor), input);
  return done();
});

export const updateOidcProviderAction = defineAction({ input: updateOidcProviderSchema, authorize: canEditSettings }, async ({ id, provider }, { actor }) => {
  await updateOidcProvider(providerContext(actor), id, provider);
  return done();
});

export const createSamlProviderAction = defineAction({ input: samlProviderSchema, authorize: canEditSettings }, async (input, { actor }) => {
  await createSamlProvider(providerContext(actor), input);
  return done();
});

export const updateSamlProviderAction = defineAction({ input: updateSamlProviderSchema, authorize: canEditSettings }, async ({ id, provider }, { actor }) => {
  await updateSamlProvider(providerContext(actor), id, provider);
  return done();
});

export const deleteSsoProviderAction = defineAction({ input: providerRefSchema, authorize: canEditSettings }, async ({ kind, id }, { actor }) => {
  await deleteProvider(providerContext(actor), kind, id);
  return done();
});

export const setLocalAuthAction = defineAction({ input: localAuthSchema, authorize: canEditSettings }, async ({ isLocalAuthEnabled }, { actor }) => {
  await setLocalAuthEnabled(providerContext(actor), isLocalAuthEnabled);
  return done();
});

export const setIdpNetworkAction = defineAction({ input: idpNetworkSchema, authorize: canEditSettings }, async (input, { actor }) => {
  await setPrivateIdpAddressesAllowed(providerContext(actor), input);
  return done();
});
