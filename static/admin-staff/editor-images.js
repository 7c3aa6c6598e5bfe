// Images in the article body editor: pick a file (toolbar), drop it or paste it, give it a text
// alternative, and it is uploaded to the images app (JSON, CSRF header) and inserted as
// <img src alt width height>. django-prose-editor's configurable preset imports this module
// (settings.DJANGO_PROSE_EDITOR_EXTENSIONS); it is a static file of ours: no inline code, no CDN.
import { crel, gettext, Image, Plugin, updateAttrsDialog } from "django-prose-editor/editor"

const ACCEPT = "image/png,image/jpeg,image/gif,image/webp"
let dialogCount = 0

function csrfToken(editor) {
  const form = editor.options.element.closest("form") || document
  return form.querySelector("input[name=csrfmiddlewaretoken]")?.value || ""
}

async function upload(editor, url, file, alt) {
  const body = new FormData()
  body.append("file", file)
  body.append("alt", alt)
  let response
  try {
    response = await fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(editor), Accept: "application/json" },
    })
  } catch {
    throw new Error(gettext("이미지를 올리지 못했습니다. 네트워크 연결을 확인하고 다시 시도하세요."))
  }
  const data = await response.json().catch(() => null)
  if (response.ok && data?.url) return data
  throw new Error(
    data?.error ||
      gettext("이미지를 올리지 못했습니다(HTTP %s). 페이지를 새로 고치거나 다시 로그인한 뒤 시도하세요.").replace(
        "%s",
        response.status,
      ),
  )
}

function field(label, control, help = null) {
  const children = [crel("label", { htmlFor: control.id, textContent: label })]
  if (help) children.push(crel("span", { className: "prose-editor-help", textContent: help }))
  return crel("div", { className: "prose-editor-dialog-field" }, [...children, control])
}

// Resolves with the upload's answer ({url, width, height, alt}) or null when cancelled.
function uploadDialog(editor, url, file = null) {
  return new Promise((resolve) => {
    const prefix = `article-image-${++dialogCount}`
    let chosen = file
    const fileInput = crel("input", { id: `${prefix}-file`, name: "file", type: "file", accept: ACCEPT })
    const chosenName = crel("p", { className: "article-image-chosen", textContent: file ? file.name : "" })
    const altInput = crel("input", { id: `${prefix}-alt`, name: "alt", type: "text", required: true, maxLength: 300 })
    const message = crel("p", { className: "article-image-message", role: "alert" })
    const submit = crel("button", { type: "submit", textContent: gettext("올려서 넣기") })
    const cancel = crel("button", { type: "button", textContent: gettext("취소") })
    const form = crel("form", {}, [
      crel("h3", { className: "prose-editor-dialog-title", textContent: gettext("이미지 넣기") }),
      field(gettext("이미지 파일 (PNG, JPEG, GIF, WebP)"), fileInput),
      chosenName,
      field(
        gettext("대체 텍스트 (필수)"),
        altInput,
        gettext("화면을 볼 수 없는 사람에게 읽어 줄 설명입니다. 예: 설정 > 계정 화면의 '로그아웃' 버튼"),
      ),
      message,
      crel("div", { className: "prose-editor-dialog-buttons" }, [submit, cancel]),
    ])
    const dialog = crel("dialog", { className: "prose-editor-dialog article-image-dialog" }, [form])
    const wrapper = crel("div", {}, [dialog])

    const say = (text, isError = false) => {
      message.textContent = text
      message.classList.toggle("article-image-error", isError)
    }
    fileInput.addEventListener("change", () => {
      chosen = fileInput.files[0] || null
      chosenName.textContent = ""
    })
    cancel.addEventListener("click", () => dialog.close())
    dialog.addEventListener("close", () => {
      wrapper.remove()
      resolve(null)
    })
    form.addEventListener("submit", async (event) => {
      event.preventDefault()
      if (!chosen) {
        say(gettext("올릴 이미지 파일을 고르세요."), true)
        fileInput.focus()
        return
      }
      if (!form.reportValidity()) return
      submit.disabled = true
      say(gettext("올리는 중…"))
      try {
        const image = await upload(editor, url, chosen, altInput.value.trim())
        resolve(image)
        wrapper.remove()
      } catch (error) {
        say(error.message, true)
        submit.disabled = false
      }
    })

    editor.view.dom.parentElement.append(wrapper)
    dialog.showModal()
    ;(file ? altInput : fileInput).focus()
  })
}

function insertImage(editor, image, position) {
  const node = { type: "image", attrs: { src: image.url, alt: image.alt, width: image.width, height: image.height } }
  const chain = editor.chain().focus()
  ;(position == null ? chain.insertContent(node) : chain.insertContentAt(position, node)).run()
}

async function uploadAndInsert(editor, url, files, position = null) {
  for (const file of files.length ? files : [null]) {
    const image = await uploadDialog(editor, url, file)
    if (!image) return
    insertImage(editor, image, position)
    position = null // the next file goes after this one, where the cursor now is
  }
}

function editAlt(editor) {
  const position = editor.state.selection.from
  const current = editor.getAttributes("image").alt || ""
  const properties = { alt: { type: "string", title: gettext("대체 텍스트 (필수)"), required: true } }
  updateAttrsDialog(properties, { title: gettext("대체 텍스트 고치기"), submitText: gettext("바꾸기") })(editor, {
    alt: current,
  }).then((attrs) => {
    if (attrs?.alt.trim()) {
      editor.chain().focus().setNodeSelection(position).updateAttributes("image", { alt: attrs.alt.trim() }).run()
    }
  })
}

export const ArticleImage = Image.extend({
  addOptions() {
    return { ...this.parent?.(), uploadUrl: null }
  },

  // Exactly what the sanitiser keeps for an image (no title, no data-file).
  addAttributes() {
    return { src: { default: null }, alt: { default: null }, width: { default: null }, height: { default: null } }
  },

  // No ![alt](address) shortcut: images come from uploads only.
  addInputRules() {
    return []
  },

  addMenuItems({ buttons, menu }) {
    const url = this.options.uploadUrl
    menu.defineItem({
      name: "articleImage",
      groups: "nodes",
      command: (editor) => uploadAndInsert(editor, url, []),
      button: buttons.material("image", gettext("이미지 넣기")),
    })
    menu.defineItem({
      name: "articleImageAlt",
      groups: "nodes",
      command: editAlt,
      button: buttons.text("ALT", gettext("대체 텍스트 고치기")),
      hidden: (editor) => !editor.isActive("image"),
    })
  },

  addProseMirrorPlugins() {
    const editor = this.editor
    const url = this.options.uploadUrl
    const filesOf = (transfer) => Array.from(transfer?.files || [])
    return [
      ...(this.parent?.() || []),
      new Plugin({
        props: {
          handlePaste(_view, event) {
            const files = filesOf(event.clipboardData)
            if (!files.length) return false
            event.preventDefault()
            uploadAndInsert(editor, url, files)
            return true
          },
          handleDrop(view, event, _slice, moved) {
            const files = filesOf(event.dataTransfer)
            if (moved || !files.length) return false
            event.preventDefault()
            const position = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null
            uploadAndInsert(editor, url, files, position)
            return true
          },
        },
      }),
    ]
  },
})
