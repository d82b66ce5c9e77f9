extension WebTemplates {
    /// The categories: the shared ones (read only) and the user's own, with their forms.
    static let categories = """
        <h1>Categories</h1>
        <section aria-labelledby="add-category-heading">
        <h2 id="add-category-heading">Add a category</h2>
        <form method="post" action="/categories" class="grid">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <div><label for="new-name">Name</label><input id="new-name" name="name" required maxlength="50" value="{{newName}}"></div>
        <div><label for="new-color">Colour</label><input id="new-color" name="color" type="color" value="{{newColor}}"></div>
        <div><button type="submit">Add category</button></div>
        </form>
        </section>
        {{#hasOwn}}
        <section aria-labelledby="own-heading">
        <h2 id="own-heading">Your categories</h2>
        <ul class="categories">
        {{#own}}<li data-category="{{name}}">
        <h3><svg class="swatch" width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill="{{color}}"/></svg> {{name}}</h3>
        <form method="post" action="/categories/rename" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}">
        <label for="rename-{{id}}">New name</label><input id="rename-{{id}}" name="new_name" required maxlength="50">
        <button type="submit">Rename</button></form>
        <form method="post" action="/categories/recolor" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}">
        <label for="color-{{id}}">Colour</label><input id="color-{{id}}" name="color" type="color" value="{{color}}">
        <button type="submit">Recolour</button></form>
        <form method="post" action="/categories/merge" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}">
        <label for="merge-{{id}}">Merge into</label>
        <select id="merge-{{id}}" name="into">{{#targets}}<option value="{{.}}">{{.}}</option>{{/targets}}</select>
        <button type="submit">Merge</button></form>
        <form method="post" action="/categories/delete" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}">
        <button type="submit" class="danger">Delete {{name}}</button></form>
        </li>
        {{/own}}
        </ul>
        </section>
        {{/hasOwn}}
        {{^hasOwn}}<p class="empty">You have no categories of your own yet: add one above.</p>{{/hasOwn}}
        {{#hasShared}}
        <section aria-labelledby="shared-heading">
        <h2 id="shared-heading">Shared categories</h2>
        <p>Every user can file expenses under these; whoever runs the database changes them.</p>
        <ul class="plain">{{#shared}}<li><svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{{color}}"/></svg> {{name}}</li>{{/shared}}</ul>
        </section>
        {{/hasShared}}

        """
}
