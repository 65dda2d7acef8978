-- Drives one LSP session in headless Neovim 0.7 and prints one line: "VERBATIM_RESULT <json>".
-- Started by nvim.ts as: nvim --headless --clean -n -u nvim-driver.lua DRAFT, with the parameters
-- as JSON in $VERBATIM_PROBE: cmd, rootDir, languageId, minDiagnostics, completionAt, hoverAt, timeoutMs.
local P = vim.json.decode(os.getenv('VERBATIM_PROBE'))
local result = { client = 'nvim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) }

local function emit()
  io.stdout:write('VERBATIM_RESULT ' .. vim.json.encode(result) .. '\n')
  io.stdout:flush()
end

-- Hover contents may be MarkupContent, a MarkedString or a list of them: flatten to text.
local function hover_text(contents)
  if contents == nil then return '' end
  if type(contents) == 'string' then return contents end
  if contents.value ~= nil then return contents.value end
  local parts = {}
  for _, c in ipairs(contents) do table.insert(parts, hover_text(c)) end
  return table.concat(parts, '\n')
end

-- error(msg, 0) throughout: the message is for the test report, without a Lua file:line prefix.
local function run()
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = P.languageId -- sent as the languageId in didOpen
  local exited = nil
  local id = vim.lsp.start_client({
    name = 'verbatim-probe',
    cmd = P.cmd,
    root_dir = P.rootDir,
    flags = { debounce_text_changes = 0 },
    -- A dead server must fail the run at once, not after the deadline.
    on_exit = function(code, signal) exited = ('server exited (code ' .. code .. ', signal ' .. signal .. ')') end,
  })
  if not id then error('vim.lsp.start_client returned nil for ' .. table.concat(P.cmd, ' '), 0) end
  vim.lsp.buf_attach_client(buf, id)

  local deadline = vim.loop.now() + P.timeoutMs
  local function left() return math.max(deadline - vim.loop.now(), 1) end

  local got = vim.wait(left(), function()
    return exited ~= nil or #vim.diagnostic.get(buf) >= P.minDiagnostics
  end, 10)
  if exited then error(exited, 0) end
  if not got then error('timed out after ' .. P.timeoutMs .. ' ms waiting for ' .. P.minDiagnostics .. ' diagnostic(s)', 0) end
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    -- lnum is 0-based; col is Neovim's byte column.
    table.insert(result.diagnostics, { line = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source, code = d.code })
  end

  local uri = vim.uri_from_bufnr(buf)
  local function request(method, pos)
    local res, err = vim.lsp.buf_request_sync(buf, method, { textDocument = { uri = uri }, position = pos }, left())
    if exited then error(exited, 0) end
    if not res then error(method .. ' failed: ' .. tostring(err), 0) end
    local r = res[id]
    if r == nil then error(method .. ': no answer from the server', 0) end
    if r.err then error(method .. ': ' .. vim.inspect(r.err), 0) end
    return r.result
  end

  if P.completionAt ~= vim.NIL and P.completionAt ~= nil then
    local c = request('textDocument/completion', P.completionAt) or {}
    result.completions = {}
    for _, item in ipairs(c.items or c) do
      local edit = item.textEdit and item.textEdit.newText
      table.insert(result.completions, { label = item.label, detail = item.detail, insertText = edit or item.insertText or item.label })
    end
  end
  if P.hoverAt ~= vim.NIL and P.hoverAt ~= nil then
    local h = request('textDocument/hover', P.hoverAt)
    result.hover = h and hover_text(h.contents) or ''
  end
  vim.lsp.stop_client(id)
end

-- With -u the file is loaded only after this script, so the body runs on VimEnter; pcall because a Lua
-- error would leave headless Neovim waiting forever.
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = pcall(run)
    if not ok then result.error = tostring(err) end
    emit()
    vim.cmd(ok and 'cquit! 0' or 'cquit! 1')
  end,
})
