import { homedir } from "node:os";
import { join } from "node:path";
import type { NodeAPI } from "./red";

/**
 * What a node's URL / file inputs may reach, from Node-RED's settings.js (runtime-wide, never from a msg or a flow):
 *
 *     hfInference: {
 *       fileInputDirs: ["/data/images"],     // folders file inputs may read; default: the Node-RED user dir only
 *       allowPrivateUrls: ["camera.lan"],    // true: any address; a list: these hosts; default false: public only
 *     }
 *
 * These apply only where a node's "Allow URL / file inputs" option is on; with it off nothing is read at all.
 */
export interface InputPolicy {
  fileInputDirs: string[];
  allowPrivateUrls: boolean | string[];
}

export function inputPolicy(RED: NodeAPI): InputPolicy {
  const settings = RED.settings ?? {};
  const own = (settings.hfInference ?? {}) as { fileInputDirs?: unknown; allowPrivateUrls?: unknown };
  const userDir = typeof settings.userDir === "string" && settings.userDir ? settings.userDir : join(homedir(), ".node-red");
  const dirs = Array.isArray(own.fileInputDirs) ? own.fileInputDirs.filter((d): d is string => typeof d === "string" && d.trim() !== "") : [userDir];
  const urls = own.allowPrivateUrls;
  return {
    fileInputDirs: dirs,
    allowPrivateUrls: urls === true ? true : Array.isArray(urls) ? urls.filter((h): h is string => typeof h === "string") : false,
  };
}
