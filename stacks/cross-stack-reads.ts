import { ref, TerraformLocal, Token, type TerraformRemoteState, type TerraformStack } from "cdktf";
import { remoteStateOutputsLocal } from "../values/remote-state-locals";

/**
 * How `stack` reads another stack's outputs (values/remote-state-locals.ts has the form and why): cdktf's remote state,
 * `remoteState`, given a local value holding its outputs, and returned as the remote state whose outputs are read
 * through that local. cdktf's App.crossStackReference reads an output of what the reading stack's
 * registerIncomingCrossStackReference returns (`getString(outputId)`); the remote state itself is unchanged, and
 * still declared.
 */
export class CrossStackReads {
  readonly #throughLocals = new Map<TerraformRemoteState, TerraformRemoteState>();

  constructor(private readonly stack: TerraformStack) {}

  /** `remoteState`, its outputs read through a local of the same name (made the first time). */
  throughLocal(remoteState: TerraformRemoteState): TerraformRemoteState {
    const known = this.#throughLocals.get(remoteState);
    if (known !== undefined) return known;
    const name = remoteState.friendlyUniqueId;
    const outputs = new TerraformLocal(this.stack, `${remoteState.node.id}-outputs`, remoteStateOutputsLocal(name));
    outputs.overrideLogicalId(name);
    const output = (id: string): ReturnType<typeof ref> => ref(`local.${name}.${id}`, this.stack);
    const throughLocal = Object.create(remoteState, {
      get: { value: (id: string) => output(id) },
      getString: { value: (id: string) => Token.asString(output(id)) },
      getNumber: { value: (id: string) => Token.asNumber(output(id)) },
      getList: { value: (id: string) => Token.asList(output(id)) },
      getBoolean: { value: (id: string) => output(id) },
    }) as TerraformRemoteState;
    this.#throughLocals.set(remoteState, throughLocal);
    return throughLocal;
  }
}
