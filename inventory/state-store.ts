import { assumed } from "./source";
import type { StateStore } from "./shape";

/**
 * The bucket for the estate's Terraform state under PSF_ESTATE_BACKEND=s3. The PSF keeps its state in Terraform Cloud
 * today (shared reference, "Terraform state today"), so nothing about this bucket is published: every value is this
 * project's choice, to confirm (or the item removed, and with it the `state` stack) when the live estate is adopted.
 */
export const STATE_STORE: StateStore = {
  bucket: "psf-estate-terraform-state",
  region: "us-east-1",
  kmsKeyAlias: "psf-estate-terraform-state",
  owner: "infrastructure-staff",
  source: assumed("the PSF runs Terraform in Terraform Cloud; this bucket is for the S3 backend (PSF_ESTATE_BACKEND=s3), named by this project: S3 bucket names are global, so check it is free or the PSF's before the first apply"),
  fieldSources: {
    region: assumed("the region of the PSF's other AWS resources here (the Route 53 DNSSEC key must be in us-east-1; the www.jython.org bucket is assumed there too)"),
    owner: assumed("the infrastructure staff own the estate-wide resources (inventory: infrastructureOwner)"),
  },
};
