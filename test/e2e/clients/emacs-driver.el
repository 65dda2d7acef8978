;;; emacs-driver.el --- drives one eglot session in batch Emacs 28 -*- lexical-binding: t -*-
;; Started by emacs.ts as: emacs --batch -Q -l emacs-driver.el, with the parameters as JSON in
;; $VERBATIM_PROBE: cmd, file, rootDir, languageId, minDiagnostics, completionAt, hoverAt, timeoutMs.
;; Prints one line to stdout: "VERBATIM_RESULT <json>", and exits 0 (or 1 with an "error" field).

;; -Q skips site-start, so Debian's elpa-eglot (and the newer project.el it needs) must be activated by hand.
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'json)

(defvar probe (json-parse-string (getenv "VERBATIM_PROBE") :object-type 'plist :array-type 'list
                                 :null-object nil))
(defvar probe-result
  (list (cons 'client (format "emacs %s, eglot %s" emacs-version
                              (package-version-join (package-desc-version (cadr (assq 'eglot package-alist))))))))
(defvar probe-deadline (+ (float-time) (/ (plist-get probe :timeoutMs) 1000.0)))

(defun probe-left () (max 0.1 (- probe-deadline (float-time))))

(defun probe-hover-text (contents)
  "Flatten hover CONTENTS (MarkupContent, MarkedString or a list of them) to text."
  (cond ((null contents) "")
        ((stringp contents) contents)
        ((vectorp contents) (mapconcat #'probe-hover-text contents "\n")) ; jsonrpc gives arrays as vectors
        ((plist-get contents :value))
        (t (format "%S" contents))))

(defun probe-request (server method pos)
  (jsonrpc-request server method
                   (list :textDocument (eglot--TextDocumentIdentifier)
                         :position (list :line (plist-get pos :line) :character (plist-get pos :character)))
                   :timeout (probe-left)))

(defun probe-diagnostic (d)
  (let ((pos (save-excursion (goto-char (flymake-diagnostic-beg d)) (eglot--pos-to-lsp-position))))
    (list (cons 'line (plist-get pos :line))
          (cons 'col (plist-get pos :character))
          (cons 'severity (pcase (flymake-diagnostic-type d)
                            ('eglot-error 1) ('eglot-warning 2) ('eglot-note 3) (_ 4)))
          (cons 'message (flymake-diagnostic-text d))
          ;; eglot keeps the LSP diagnostic in the flymake diagnostic's data.
          (cons 'code (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)) :code)))))

(defun probe-run ()
  (find-file (plist-get probe :file))
  (let* ((root (file-name-as-directory (plist-get probe :rootDir)))
         (server (eglot (list major-mode) (cons 'transient root) 'eglot-lsp-server
                        (plist-get probe :cmd) (plist-get probe :languageId)))
         (want (plist-get probe :minDiagnostics)))
    (unless (jsonrpc-running-p server) (error "server did not start: %S" (plist-get probe :cmd)))
    ;; Idle timers never fire in batch mode: start flymake by hand until the diagnostics arrive.
    (while (and (< (length (flymake-diagnostics)) want)
                (< (float-time) probe-deadline))
      (unless (jsonrpc-running-p server) (error "server exited: %S" (plist-get probe :cmd)))
      (flymake-start)
      (accept-process-output nil 0.02))
    (when (< (length (flymake-diagnostics)) want)
      (error "timed out after %s ms waiting for %s diagnostic(s)" (plist-get probe :timeoutMs) want))
    (push (cons 'diagnostics (vconcat (mapcar #'probe-diagnostic (flymake-diagnostics)))) probe-result)
    (when-let ((pos (plist-get probe :completionAt)))
      (let* ((c (probe-request server :textDocument/completion pos))
             (items (if (vectorp c) c (plist-get c :items)))) ; CompletionItem[] or CompletionList
        (push (cons 'completions
                    (vconcat (mapcar (lambda (item)
                                       (list (cons 'label (plist-get item :label))
                                             (cons 'detail (plist-get item :detail))
                                             (cons 'insertText (or (plist-get (plist-get item :textEdit) :newText)
                                                                   (plist-get item :insertText)
                                                                   (plist-get item :label)))))
                                     items)))
              probe-result)))
    (when-let ((pos (plist-get probe :hoverAt)))
      (let ((h (probe-request server :textDocument/hover pos)))
        (push (cons 'hover (probe-hover-text (plist-get h :contents))) probe-result)))
    (ignore-errors (eglot-shutdown server))))

(let ((code 0))
  (condition-case err
      (probe-run)
    (error (setq code 1)
           (push (cons 'error (error-message-string err)) probe-result)))
  (princ (concat "VERBATIM_RESULT " (json-encode probe-result) "\n"))
  (kill-emacs code))
