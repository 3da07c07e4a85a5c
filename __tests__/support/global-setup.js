module.exports = require("./scratch-tmpdir").setup;
