// n8n reads the nodes and credentials of this package from the "n8n" section of package.json.
module.exports = {};
