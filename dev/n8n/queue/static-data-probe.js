'use strict';
/**
 * Diagnostic only (not used by the tests): a --require hook that logs, for every production webhook
 * request, whether n8n will save the workflow's static data. Start any n8n with
 *   NODE_OPTIONS='--require /abs/path/e2e/queue/static-data-probe.js'
 * and grep its log for PATCH. With n8n 2.41.1 it shows `rootChanged false` after the trigger changed
 * its node static data in every request but the one that created it (see "Running at scale" in the README).
 */
const Module = require('module');
const orig = Module._load;
let done1 = false, done2 = false;
Module._load = function (request, parent, isMain) {
  const m = orig.apply(this, arguments);
  try {
    if (!done1 && m && m.WorkflowStaticDataService) {
      done1 = true;
      const p = m.WorkflowStaticDataService.prototype; const o = p.saveStaticData;
      p.saveStaticData = async function (wf) { console.log('PATCH save', wf.staticData.__dataChanged, JSON.stringify(wf.staticData).slice(0, 150)); return o.call(this, wf); };
    }
    if (!done2 && m && m.Workflow && m.Workflow.prototype && m.Workflow.prototype.getStaticData) {
      done2 = true;
      const p = m.Workflow.prototype; const o = p.getStaticData;
      p.getStaticData = function (type, node) { const r = o.call(this, type, node); const root=this.staticData; const key='node:'+(node&&node.name); console.log('PATCH get', JSON.stringify(r).slice(0,60), 'rootChanged', root.__dataChanged, 'childIsProxy', require('util').types.isProxy(root[key]), 'childOwnFlag', JSON.stringify(Object.getOwnPropertyDescriptor(root[key]||{}, '__dataChanged')), 'rootIsProxy', require('util').types.isProxy(root), 'sameAsGetResult', root[key]===r); setTimeout(()=>console.log('PATCH later rootChanged', root.__dataChanged, 'childFlag', r.__dataChanged), 0); return r; };
    }
  } catch (e) {}
  return m;
};
